#!/bin/sh
# Writes a pattern at byte 5120123 (sector 10000 + 123) and syncs; after power-off the host reads the
# disk image and checks it (tests/storage/host-check).
[ -b /dev/vda ] || { echo "no /dev/vda"; exit 1; }
i=0
while [ $i -lt 64 ]; do printf 'durable-%04d|' $i; i=$((i + 1)); done > pattern
wc -c < pattern
dd if=pattern of=/dev/vda oflag=seek_bytes seek=5120123 conv=notrunc 2>&1
sync
echo synced
dd if=/dev/vda iflag=skip_bytes skip=5120120 bs=20 count=1 2>/dev/null | od -A d -c
