#!/bin/sh
# ls output formats that do not depend on times or inode numbers.
mkdir sub .hidden; touch b a c sub/x .dot; ln -s a link; chmod 755 c
ls
ls -A
ls -a
ls -F
ls -R
ls -1d sub .hidden
ls -l link | awk '{print $1, $NF, $(NF-1)}'
ls nonexistent 2>&1; echo "status $?"
