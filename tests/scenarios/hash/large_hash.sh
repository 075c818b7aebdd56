#!/bin/sh
# Hashes of an 8 MiB generated stream agree whether read from a pipe or a file.
awk 'BEGIN { for (i = 0; i < 200000; i++) printf "%08x %s\n", i * 2654435761 % 4294967296, "payload-payload-payload" }' > big
stat -c %s big
sha256sum < big
cat big | sha256sum
dd if=big bs=3000 2>/dev/null | md5sum; md5sum < big
