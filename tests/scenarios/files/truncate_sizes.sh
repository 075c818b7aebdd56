#!/bin/sh
# truncate grows with zeros and shrinks, relative sizes; reading back the holes.
seq 1 100 > f
truncate -s 50 f; stat -c %s f; tail -c 5 f | od -An -c
truncate -s 60 f; stat -c %s f; tail -c 12 f | od -An -c
truncate -s 10 f; stat -c %s f; od -An -c f
truncate -s 0 f; stat -c %s f
truncate -s 3M big; stat -c %s big
od -An -tx1 big | sort -u
dd if=/dev/zero bs=1024 count=3072 2>/dev/null | cmp - big && echo "all zero"
truncate -c -s 10 absent; [ -e absent ] || echo "no create with -c"
