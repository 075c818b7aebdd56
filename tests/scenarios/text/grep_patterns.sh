#!/bin/sh
# grep: basic and extended regexps, counts, inversion, context, files and exit statuses.
seq 1 200 > n
grep -c 7 n
grep -E '^(1|2)3$' n
grep -v '[0-8]' n | tr '\n' ' '; echo
grep -n '^15' n
grep -w -e 99 -e 100 n
grep -A1 -B1 '^50$' n
printf 'Apple\nbanana\nCherry\n' > fruit
grep -i 'a' fruit; grep -ic cherry fruit
grep -o 'an' fruit | wc -l
grep -l Apple fruit n; grep -L Apple fruit n
grep -q nothing fruit; echo "no match status $?"
grep -q Apple fruit; echo "match status $?"
grep x missing-file 2>&1; echo "missing status $?"
grep -x 'banana' fruit; grep -F '.' fruit; echo "fixed status $?"
mkdir -p r/s; echo needle > r/s/t; echo hay > r/u
grep -r needle r
grep -m 2 1 n
