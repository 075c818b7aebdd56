#!/bin/sh
# Three disks: vda, vdb, vdc with minors 0, 16, 32 (vdc is read-only), each reading its own image.
[ -b /dev/vdc ] || { echo "no /dev/vdc"; exit 1; }
ls -l /dev/vd* | awk '{print $1, $3, $4, $5, $6, $NF}'
for d in vda vdb vdc; do
  echo "$d: $(blockdev --getsize64 /dev/$d) bytes, ro $(blockdev --getro /dev/$d), $(dd if=/dev/$d bs=512 skip=7 count=1 2>/dev/null | head -c 13)"
done
dd if=/dev/vdb bs=4096 skip=255 2>/dev/null | md5sum
