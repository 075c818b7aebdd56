#!/bin/sh
# /dev/vda as devtmpfs makes it, and block nodes made with mknod on another file system (tmpfs):
# the same device through any node; a node without a device gives ENXIO.
[ -b /dev/vda ] || { echo "no /dev/vda"; exit 1; }
stat -c '%n: %F, dev %t:%T, mode %a, %U:%G, size %s' /dev/vda
ls -l /dev/vda | awk '{print $1, $2, $3, $4, $5, $6}'
mknod vdnode b 254 0
stat -c '%n: %F, dev %t:%T, mode %a, size %s' vdnode
dd if=vdnode bs=14 count=1 skip=0 2>/dev/null; echo
dd if=vdnode bs=512 skip=2 count=1 2>/dev/null | head -c 14; echo
mknod nodisk b 254 48
dd if=nodisk bs=1 count=1 2>&1
mknod nopart b 254 1
cat nopart 2>&1; echo "cat status $?"
