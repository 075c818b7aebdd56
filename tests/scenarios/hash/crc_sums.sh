#!/bin/sh
# crc32 and sum on generated data, across block boundaries and sizes.
for n in 0 1 100 4095 4096 4097 1000000; do
  head -c $n /dev/zero > z; seq 1 $n | head -c $n > s
  printf '%s %s %s\n' $n "$(crc32 z)" "$(crc32 s)"
done
seq 1 5000 > d
crc32 < d
