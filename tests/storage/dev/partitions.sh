#!/bin/sh
# Partition tables read at boot: vdb has an MS-DOS table (two primaries, one past the disk's end, an
# extended partition with two logical ones), vdd a GPT (entries 1 and 3). Each partition is a block
# device over its own sectors, bounded by its size. Only the last sector of vdb5 is written.
[ -b /dev/vdd ] || { echo "no /dev/vdd"; exit 1; }
ls -l /dev/vdb* /dev/vdd* | awk '{print $1, $5, $6, $NF}'
for p in vdb1 vdb2 vdb3 vdb5 vdb6 vdd1 vdd3; do
  echo "$p: $(blockdev --getsize64 /dev/$p) bytes, $(dd if=/dev/$p bs=14 count=1 2>/dev/null)"
done
[ -e /dev/vdb4 ] || echo "no vdb4"
[ -e /dev/vdd2 ] || echo "no vdd2"
printf 'abcdef' | dd of=/dev/vdb5 oflag=seek_bytes seek=$((300 * 512 - 3)) conv=notrunc 2>&1
dd if=/dev/vdb bs=512 skip=507 count=2 2>/dev/null | od -A d -c | sed -n '1p;/a   b   c/p;$p'
blockdev --rereadpt /dev/vdb1 2>&1; echo "rereadpt vdb1: $?"
blkio /dev/vdd3 0 | grep -A1 -e '^HDIO_GETGEO:' -e '^BLKGETSIZE64:'
blockdev --rereadpt /dev/vdb; echo "rereadpt vdb: $?"
