#!/bin/sh
# Eight writers patch interleaved single bytes of the same sector (3000) at once: each
# partial-sector write reads, patches and writes back a sector, and none may lose another's bytes.
[ -b /dev/vda ] || { echo "no /dev/vda"; exit 1; }
base=$((3000 * 512 + 100))
for w in 0 1 2 3 4 5 6 7; do
  (
    i=$w
    while [ $i -lt 256 ]; do
      printf "$w" | dd of=/dev/vda oflag=seek_bytes seek=$((base + i)) bs=1 conv=notrunc 2>/dev/null
      i=$((i + 8))
    done
  ) &
done
wait
dd if=/dev/vda iflag=skip_bytes skip=$base bs=256 count=1 2>/dev/null | fold -w 64
echo
dd if=/dev/vda bs=512 skip=3000 count=2 2>/dev/null | md5sum
