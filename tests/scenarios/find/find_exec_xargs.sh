#!/bin/sh
# find -exec and xargs acting on the files found; -delete; -prune.
mkdir -p w/x w/y w/skip
for i in 1 2 3 4 5 6; do seq 1 $((i * 10)) > w/x/f$i; seq 1 $i > w/y/g$i; done
echo no > w/skip/h
find w -type f -exec wc -l {} \; | sort -k2
find w -type f -name 'f*' -exec cat {} + | wc -l
find w -name 'g*' | sort | xargs cat | wc -l
find w -path w/skip -prune -o -type f -print | wc -l
find w -name 'f[1-3]' -exec rm {} \;; ls w/x
find w -type f -print0 | xargs -0 grep -l '^50$' | sort
find w -type f | xargs -n 2 | wc -l
