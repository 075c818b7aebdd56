#!/bin/sh
# wc counts; head and tail by lines and bytes, from the start and from the end.
seq 1 1000 > n
wc -l < n; wc -c < n; wc -w < n
printf 'one two\nthree\n\nfour five six' | wc
printf 'a\nbb\nccc\n' | wc -L
head -n 3 n | tr '\n' ' '; echo
tail -n 3 n | tr '\n' ' '; echo
tail -n +998 n | tr '\n' ' '; echo
head -c 10 n | od -An -c
tail -c 8 n | od -An -c
head -n -995 n | wc -l
seq 1 5 | head -n 2 - 
printf 'no newline' | tail -n 1; echo
printf 'x\n' > f1; printf 'y\n' > f2; head f1 f2
