#!/bin/sh
# Broken images give errors, not crashes: a bad superblock magic refuses the mount, a directory
# block with a zero record length fails to list while the rest of the file system still reads.
. /ext2/common
cp /ext2/bad-magic.img /ext2/bad-dir.img .
mount -t ext2 -o loop,ro bad-magic.img mnt 2>&1 | sed 's/^mount: //'
mount -t ext2 -o loop,ro bad-dir.img mnt && echo mounted
ls mnt/dir 2>&1 | sed 's/^ls: //'
cat mnt/dir/numbers.txt 2>&1 | sed 's/^cat: //' | head -n 2
cat mnt/hello.txt
ls mnt | wc -l
umount mnt && echo unmounted
