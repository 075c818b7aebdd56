#!/bin/sh
# losetup on both kernels: finding a free device, attaching with and without an offset, the
# status the device reports, detaching, the block device's size, and mount's errors for
# sources that are not an ext2 block device.
. /ext2/common
losetup -f
losetup /dev/loop0 img && echo attached
losetup /dev/loop0
losetup -f
blockdev --getsize64 /dev/loop0
blockdev --getsz /dev/loop0
losetup /dev/loop0 img 2>&1 | sed 's/^losetup: //'
losetup -d /dev/loop0 && echo detached
losetup -d /dev/loop0 2>&1 | sed 's/^losetup: //'
blockdev --getsize64 /dev/loop0
losetup -o 1024 /dev/loop1 img && echo attached at offset
losetup /dev/loop1
blockdev --getsize64 /dev/loop1
losetup -d /dev/loop1
losetup -r /dev/loop2 img && echo read-only
blockdev --getro /dev/loop2
mount -t ext2 -o ro /dev/loop2 mnt && echo mounted ro && cat mnt/hello.txt
umount mnt
losetup -d /dev/loop2
mount -t ext2 /dev/loop5 mnt 2>&1 | sed 's/^mount: //'
mount -t ext2 /nonexistent mnt 2>&1 | sed 's/^mount: //'
mount -t ext2 /dev/null mnt 2>&1 | sed 's/^mount: //'
head -c 1048576 /dev/zero > zero.img
losetup /dev/loop3 zero.img && mount -t ext2 /dev/loop3 mnt 2>&1 | sed 's/^mount: //'
losetup -d /dev/loop3
# A regular file as the source: BusyBox's mount sets up a loop device itself (autoclear).
mount -t ext2 img mnt && echo mounted && losetup -a
umount mnt
losetup -a | wc -l
# No type given: BusyBox tries each block file system of /proc/filesystems.
grep -w ext2 /proc/filesystems
mount -o loop,ro img mnt && echo detected && awk '$2 ~ /mnt$/ {print $1, $3, substr($4, 1, 2)}' /proc/mounts
umount mnt
