#!/bin/sh
# find by name, type, depth, size and path; results sorted because directory order is unspecified.
mkdir -p p/q/r s
for f in p/a.txt p/b.log p/q/c.txt p/q/r/d.txt s/e.LOG top.txt; do echo "$f" > "$f"; done
dd if=/dev/zero of=p/q/big bs=1024 count=20 2>/dev/null
ln -s p/a.txt sym
find . -name '*.txt' | sort
find . -iname '*.log' | sort
find . -type d | sort
find . -type l
find . -maxdepth 1 | sort
find . -mindepth 3 | sort
find . -size +10k
find . -path '*q*' -type f | sort
find . -type f -empty; : > p/empty; find . -empty -type f
find . \( -name 'a*' -o -name 'd*' \) -print | sort
find . ! -type d ! -name '*.txt' | sort
