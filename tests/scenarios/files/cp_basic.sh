#!/bin/sh
# cp: single files, recursive trees, -p keeps the mode, cp onto an existing file truncates it.
seq 1 500 > a
cp a b && cmp a b && echo "copy identical"
mkdir -p src/sub/deep
echo one > src/f1; echo two > src/sub/f2; echo three > src/sub/deep/f3
chmod 640 src/sub/f2
cp -r src dst
find dst | sort
cat dst/sub/deep/f3
stat -c '%a %n' src/sub/f2 dst/sub/f2
cp -p src/sub/f2 kept
stat -c '%a %s %n' kept
seq 1 10 > small
cp small a
wc -c < a
cp a a 2>&1; echo "self-copy status $?"
