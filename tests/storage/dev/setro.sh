#!/bin/sh
# blockdev --setro/--setrw (BLKROSET): software write protection of a disk and its partitions
# (vdb: its sector 1 and vdb6's first sector are written).
[ -b /dev/vdb6 ] || { echo "no /dev/vdb6"; exit 1; }
blockdev --setro /dev/vdb; echo "setro: $?"
for d in vdb vdb1 vdb6; do echo "$d ro: $(blockdev --getro /dev/$d)"; done
printf 'RO' | dd of=/dev/vdb bs=512 seek=1 conv=notrunc 2>&1
printf 'RO' | dd of=/dev/vdb6 conv=notrunc 2>&1
blockdev --setrw /dev/vdb; echo "setrw: $?"
printf 'RW' | dd of=/dev/vdb bs=512 seek=1 conv=notrunc 2>&1
dd if=/dev/vdb bs=512 skip=1 count=1 2>/dev/null | head -c 8; echo
blockdev --setro /dev/vdb6
echo "vdb ro: $(blockdev --getro /dev/vdb), vdb6 ro: $(blockdev --getro /dev/vdb6)"
printf 'RO' | dd of=/dev/vdb6 conv=notrunc 2>&1
blockdev --setrw /dev/vdb6
printf 'W6' | dd of=/dev/vdb6 conv=notrunc 2>&1
dd if=/dev/vdb6 bs=8 count=1 2>/dev/null; echo
