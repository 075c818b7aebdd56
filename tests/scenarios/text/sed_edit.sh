#!/bin/sh
# sed: substitutions, addresses, ranges, hold space, in-place editing.
seq 1 20 > n
sed -n '3,6p' n | tr '\n' ' '; echo
sed '5,$d' n | tr '\n' ' '; echo
sed -n '/^1[0-9]$/{s/1/one-/;p}' n | tr '\n' ' '; echo
printf 'the cat sat on the mat\n' | sed 's/at/AT/g; s/the/THE/2'
printf 'a,b,c\n' | sed -E 's/([a-z]),([a-z]),([a-z])/\3-\2-\1/'
seq 1 5 | sed -n '1!G;h;$p'
seq 1 6 | sed 'n;d'
printf 'x\ny\n' | sed '1i\
before
$a\
after'
seq 1 3 > inplace; sed -i 's/2/two/' inplace; cat inplace
printf 'key = value\n# comment\nother=1\n' | sed -e '/^#/d' -e 's/ *= */=/'
seq 1 100 | sed -n '$='
printf 'tab\there\n' | sed 's/\t/<TAB>/'
