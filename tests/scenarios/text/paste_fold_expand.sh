#!/bin/sh
# paste columns and serial joins; fold wrapping; expand and unexpand tabs.
seq 1 5 > a; seq 6 10 > b
paste a b
paste -d, a b
paste -s a
paste -s -d+ a | tr -d '\n'; echo
seq 1 6 | paste - - -
echo 'The quick brown fox jumps over the lazy dog' | fold -w 10
echo 'The quick brown fox jumps over the lazy dog' | fold -s -w 10
printf 'a\tb\tc\n\tx\n' | expand | od -An -c
printf 'a\tb\n' | expand -t 4
printf '        eight\n' | unexpand -a | od -An -c
