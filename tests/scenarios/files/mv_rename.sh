#!/bin/sh
# mv: rename in place, into a directory, over an existing file, whole directories.
echo alpha > a; echo beta > b
mv a c && ls
mkdir d
mv c d/ && ls d
mv b d/c && cat d/c && ls
mkdir -p t/u/v; echo deep > t/u/v/file
mv t moved && find moved | sort
mv moved/u/v/file moved/file2 && cat moved/file2
mv nosuch x 2>&1; echo "status $?"
ls -a
