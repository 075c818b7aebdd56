# SPDX-License-Identifier: MIT
# xz-utils: single- and multi-threaded compression (the output is fixed by the settings, not by timing),
# integrity tests, listing, and round trips compared with cmp and SHA-256.
set -e
seq 1 60000 | awk '{ print $1, $1 % 17, "row" }' > data.txt
sha256sum data.txt
xz -3 -k data.txt
xz -t data.txt.xz && echo "xz -t ok"
xz -l --robot data.txt.xz | awk '$1 == "totals" { print "streams", $2, "blocks", $3, "uncompressed", $5, "check", $7 }'
sha256sum data.txt.xz
xz -dc data.txt.xz | cmp - data.txt && echo "single-threaded round trip ok"
xz -3 -T2 --block-size=256KiB -c data.txt > mt.xz
xz -l --robot mt.xz | awk '$1 == "totals" { print "blocks", $3 }'
sha256sum mt.xz
xz -d -T2 -c mt.xz | sha256sum
xz --format=lzma -c data.txt | xz -d --format=lzma | cmp - data.txt && echo "lzma round trip ok"
printf 'hello' | xz -c -0 --check=crc32 | xz -dc; echo
head -c 100 data.txt.xz > cut.xz
if xz -t cut.xz 2>err; then echo "truncated file accepted"; else echo "xz -t truncated: status $?"; fi
sed 's/^xz: //' err
tar cJf t.txz data.txt && tar xJf t.txz -O | cmp - data.txt && echo "tar J round trip ok"
