#!/bin/sh
# Hashes of a 2 MiB generated stream agree whether read from a file, a pipe or odd-sized blocks.
awk 'BEGIN { for (i = 0; i < 60000; i++) printf "%08x %s\n", i * 2654435761 % 4294967296, "payload-payload" }' > big
stat -c %s big
sha256sum < big
cat big | sha256sum
dd if=big bs=3000 2>/dev/null | md5sum; md5sum < big
sha1sum big | cut -d' ' -f1
