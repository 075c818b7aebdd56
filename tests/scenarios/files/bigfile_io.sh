#!/bin/sh
# A 4 MiB file written and read in different block sizes keeps its contents.
awk 'BEGIN { for (i = 0; i < 80000; i++) printf "line %07d abcdefghijklmnopqrstuvwxyz0123456789\n", i }' > big
stat -c %s big
md5sum < big
dd if=big of=copy bs=65536 2>/dev/null; cmp big copy && echo "64k copy ok"
dd if=big bs=4099 2>/dev/null | md5sum
cat big big > twice; stat -c %s twice
tail -n 1 twice
sed -n '40000p' big
