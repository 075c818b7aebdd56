#!/bin/sh
# The end of the disk (16 MiB): short reads, then 0; writes stop at the end with ENOSPC.
[ -b /dev/vda ] || { echo "no /dev/vda"; exit 1; }
dd if=/dev/vda iflag=skip_bytes skip=16777200 bs=100 count=1 2>&1 | od -A d -c
dd if=/dev/vda iflag=skip_bytes skip=16777216 bs=100 count=1 2>&1
printf 'xyz' | dd of=/dev/vda oflag=seek_bytes seek=16777214 bs=3 conv=notrunc 2>&1
echo "dd status $?"
tail -c 4 /dev/vda | od -A d -c
printf 'x' | dd of=/dev/vda oflag=seek_bytes seek=16777216 conv=notrunc 2>&1
echo "dd status $?"
printf 'x' | dd of=/dev/vda oflag=seek_bytes seek=16777728 conv=notrunc 2>&1
echo "dd status $?"
