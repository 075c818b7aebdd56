#!/bin/sh
# Reads at odd offsets and sizes: across sector boundaries, larger than one request, byte offsets.
[ -b /dev/vda ] || { echo "no /dev/vda"; exit 1; }
dd if=/dev/vda bs=7 skip=73 count=5 2>&1 | od -A d -t x1
dd if=/dev/vda bs=512 skip=3 count=1 2>/dev/null | head -c 14; echo
dd if=/dev/vda bs=1000 skip=1 count=3 2>/dev/null | md5sum
dd if=/dev/vda bs=65536 skip=1 count=3 2>/dev/null | md5sum
dd if=/dev/vda bs=100000 skip=3 count=2 2>/dev/null | md5sum
dd if=/dev/vda iflag=skip_bytes skip=1000001 bs=333 count=2 2>/dev/null | od -A d -c | head -5
head -c 1048576 /dev/vda | md5sum
cat /dev/vda | wc -c
