#!/bin/sh
# The page cache gives back clean pages when memory runs short: a 64 MiB file on ext2 (vde) is
# read twice, from a cold cache, while a hog leaves only 24 MiB free. Both reads must return the
# file's bytes, and the hog must live (the kernel takes the cache's pages, not the hog's).
[ -b /dev/vde ] || { echo "no /dev/vde"; exit 1; }
mke2fs -q -F /dev/vde >/dev/null 2>&1 || echo "mke2fs failed"
mkdir -p /mnt/pressure
mount -t ext2 /dev/vde /mnt/pressure || exit 1
pressure write /mnt/pressure/big 64
umount /mnt/pressure && mount -t ext2 /dev/vde /mnt/pressure || exit 1
rm -f /tmp/hog.out
pressure hog 24 > /tmp/hog.out 2>/dev/null &
hog=$!
while ! grep -q ready /tmp/hog.out 2>/dev/null; do
  kill -0 $hog 2>/dev/null || { echo "hog died early"; break; }
  usleep 100000
done
cat /tmp/hog.out
pressure check /mnt/pressure/big
pressure check /mnt/pressure/big
kill -0 $hog 2>/dev/null && echo "hog alive"
kill $hog; wait $hog 2>/dev/null
umount /mnt/pressure && echo unmounted
