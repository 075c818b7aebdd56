#!/bin/sh
# sort: numeric, reverse, keys, separators, unique, stable; uniq: counts and duplicates.
awk 'BEGIN { for (i = 1; i <= 40; i++) print (i * 37) % 23, "w" (i % 7) }' > d
sort -n d | head -5
sort -rn d | head -3
sort -k2,2 -k1,1n d | head -6
sort -u -k2,2 d
printf 'b:2\na:10\nc:1\n' | sort -t: -k2n
printf '10\n9\n100\n' | sort
printf '10\n9\n100\n' | sort -n
cut -d' ' -f2 d | sort | uniq -c
cut -d' ' -f2 d | sort | uniq -d | tr '\n' ' '; echo
printf 'a\na\nb\nc\nc\nc\n' | uniq -u
printf 'x\ny\nx\n' | sort -c 2>&1; echo "check status $?"
printf 'B\na\nC\n' | sort -f
printf '1.5\n1.25\n-3\n2e1\n' | sort -g 2>/dev/null || printf '1.5\n1.25\n-3\n' | sort -n
