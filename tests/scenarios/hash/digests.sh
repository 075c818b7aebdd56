#!/bin/sh
# md5, sha1, sha256, sha512 and sha3 of generated data and of the empty input.
seq 1 10000 > data
awk 'BEGIN { for (i = 0; i < 256; i++) printf "%c", i }' > bytes
for h in md5sum sha1sum sha256sum sha512sum; do
  $h data bytes
  printf '' | $h
done
sha3sum data 2>/dev/null | cut -c1-64
