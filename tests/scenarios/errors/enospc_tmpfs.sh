#!/bin/sh
# A size-limited tmpfs fills up: the writer sees ENOSPC, deleting frees the space again.
mkdir m; mount -t tmpfs -o size=256k tmpfs m || { echo "mount failed"; exit 1; }
dd if=/dev/zero of=m/fill bs=4096 count=200 2>&1 | grep -v -e records -e copied
stat -c %s m/fill
echo more > m/another; echo "write after full status $?"
rm m/fill; dd if=/dev/zero of=m/again bs=4096 count=32 2>/dev/null && echo "space back after rm"
umount m && echo unmounted
