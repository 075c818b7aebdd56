#!/bin/sh
# /dev/null swallows and reads empty; /dev/zero reads zeros in any block size.
echo gone > /dev/null; echo "write status $?"
wc -c < /dev/null
cat /dev/null | wc -l
dd if=/dev/zero bs=1000 count=5 2>/dev/null | wc -c
dd if=/dev/zero bs=1M count=2 2>/dev/null | od -An -tx1 | sort -u
head -c 100000 /dev/zero | tr '\0' 'z' | tr -d '\n' | wc -c
dd if=/dev/zero of=zeros bs=4096 count=3 2>/dev/null; stat -c %s zeros
seq 1 1000 > /dev/null && echo "seq to null"
dd if=/dev/null of=empty 2>&1 | grep records
