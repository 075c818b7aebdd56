#!/bin/sh
# Tools reporting bad input: usage errors, bad numbers, bad regexps, missing operands.
seq 1 5 > f
sort -k 0 f; echo "status $?"
sed 's/unterminated' f; echo "status $?"
grep '[' f; echo "status $?"
awk '{ print' f; echo "status $?"
cut f; echo "status $?"
tail -n xyz f; echo "status $?"
dd if=f of=g bs=0; echo "status $?"
chmod 999 f; echo "status $?"
expr; echo "status $?"
test 1 -eq; echo "status $?"
[ a = ]; echo "status $?"
