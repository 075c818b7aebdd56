#!/bin/sh
# du counts allocated blocks: full pages, sparse files, directory trees.
dd if=/dev/zero of=full bs=4096 count=4 2>/dev/null
truncate -s 1M sparse
mkdir -p tree/a tree/b
dd if=/dev/zero of=tree/a/x bs=4096 count=2 2>/dev/null
dd if=/dev/zero of=tree/b/y bs=4096 count=3 2>/dev/null
du -k full sparse
du -a -k tree | sort -k2 | awk '$2 ~ /[xy]$/'
du -s --apparent-size -b sparse 2>/dev/null || stat -c %s sparse
stat -c '%s %b' full
