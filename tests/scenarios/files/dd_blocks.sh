#!/bin/sh
# dd: block sizes, counts, skip/seek, conv=notrunc, partial records.
dd if=/dev/zero of=z bs=512 count=8 2>&1 | grep records
stat -c %s z
seq 1 1000 > src
dd if=src of=part bs=100 skip=2 count=3 2>/dev/null; wc -c < part; head -c 20 part | od -c | head -2
dd if=src of=out bs=7 2>&1 | grep records
cmp src out && echo identical
printf 'XXXX' | dd of=out bs=1 seek=10 conv=notrunc 2>/dev/null
head -c 20 out | od -An -c
stat -c %s out
printf 'abc' | dd of=short bs=1 seek=5 2>/dev/null; od -An -c short
dd if=src bs=1000 count=1 2>/dev/null | tail -c 10
dd if=src ibs=3 obs=1000 count=5 2>&1 | grep records
