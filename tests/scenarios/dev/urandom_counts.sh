#!/bin/sh
# /dev/urandom and /dev/random: exact byte counts, and the data is not all one value.
dd if=/dev/urandom bs=1 count=100 2>/dev/null | wc -c
dd if=/dev/urandom bs=4096 count=16 2>/dev/null | wc -c
head -c 1000000 /dev/urandom | wc -c
n=$(head -c 4096 /dev/urandom | od -An -tx1 -v | tr ' ' '\n' | grep . | sort -u | wc -l)
[ "$n" -gt 200 ] && echo "many distinct byte values"
a=$(head -c 32 /dev/urandom | md5sum); b=$(head -c 32 /dev/urandom | md5sum)
[ "$a" != "$b" ] && echo "two reads differ"
head -c 64 /dev/random | wc -c
stat -c '%F %t %T' /dev/urandom /dev/random /dev/full /dev/tty
