#!/bin/sh
# Build a deep and wide tree, list it, remove parts of it, and remove it all.
for i in $(seq 1 5); do for j in $(seq 1 5); do mkdir -p "d$i/e$j"; echo "$i$j" > "d$i/e$j/f"; done; done
find . -type f | wc -l
find . -type d | wc -l
cat d3/e4/f
mkdir -p a/b/c/d/e/f/g/h/i/j && echo deep > a/b/c/d/e/f/g/h/i/j/k
cat a/b/c/d/e/f/g/h/i/j/k
rmdir d1/e1 2>&1 | sed 's/^rmdir: //'
rm -r d1; ls
rm -rf d2 d3 a; ls
rmdir -p d4/e1 2>&1; ls d4
rm -rf ./*; ls -A | wc -l
