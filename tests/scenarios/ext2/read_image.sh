#!/bin/sh
# An ext2 image made by the host's mke2fs, mounted through a loop device: listing, stat fields,
# file contents, symlinks, a sparse file's holes, statfs figures.
. /ext2/common
mount -t ext2 -o loop,ro img mnt && echo mounted
cd mnt
ls -la --full-time | sed 's/  */ /g' | grep -v ' \.\.$'
ls -lan dir dir/nested | sed 's/  */ /g' | cut -d' ' -f1-5,9-
for f in hello.txt hard.txt dir dir/nested/deeper/deep.txt sparse short-link long-link fifo empty lost+found .; do
  stat -c '%n type=%F mode=%a links=%h uid=%u gid=%g size=%s blocks=%b' "$f"
done
stat -c 'inodes equal: %i' hello.txt > ../a; stat -c 'inodes equal: %i' hard.txt > ../b; cmp -s ../a ../b && echo hardlink same inode
md5sum hello.txt dir/numbers.txt dir/nested/z.bin sparse dir/nested/deeper/deep.txt
readlink short-link
readlink long-link
cat short-link
od -An -c -j 199998 -N 4 sparse
wc -c < sparse
find . | grep -v '^./many/' | sort
ls many | wc -l
ls many | md5sum
ls many/entry-with-a-long-name-399
cd ..
df -k mnt | tail -n 1 | awk '{print $2, $3, $4, $5}'
stat -f -c 'type=%t bsize=%S blocks=%b free=%f avail=%a files=%c ffree=%d namelen=%l' mnt
touch mnt/new 2>&1 | sed 's/^touch: //'
mount -o remount,rw mnt 2>&1 | sed 's/^mount: //'
umount mnt && echo unmounted
# Read-write, then read-only and back: the file system follows the remounts.
mount -t ext2 -o loop img mnt && echo mounted rw
mount -o remount,ro mnt && echo remounted ro
touch mnt/other 2>&1 | sed 's/^touch: //'
awk '$2 ~ /mnt$/ {print $3, substr($4, 1, 2)}' /proc/mounts
mount -o remount,rw mnt && echo remounted rw && touch mnt/new && ls mnt/new
awk '$2 ~ /mnt$/ {print $3, substr($4, 1, 2)}' /proc/mounts
umount mnt && echo unmounted
mount -t ext2 -o loop,ro img mnt && ls mnt/new mnt/other 2>&1 | sed 's/^ls: //'
umount mnt
