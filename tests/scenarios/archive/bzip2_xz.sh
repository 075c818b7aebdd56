#!/bin/sh
# bzip2 and the other compressors BusyBox carries: round trips verified with cmp.
seq 1 30000 | awk '{ print $1, $1 % 97 }' > data
bzip2 -c data > data.bz2 && bunzip2 -c data.bz2 | cmp - data && echo "bzip2 round trip"
bzip2 -c data | wc -c
bzcat data.bz2 | wc -l
for c in xz lzma lzop; do
  if command -v $c >/dev/null; then
    $c -c data > data.$c 2>/dev/null && $c -d -c data.$c 2>/dev/null | cmp - data && echo "$c round trip"
  fi
done
