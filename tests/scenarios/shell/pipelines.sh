#!/bin/sh
# Pipelines: data flows, the status is the last command's, long pipelines, pipes closing early.
seq 1 10 | grep 5; echo "status $?"
seq 1 10 | grep 55; echo "status $?"
false | true; echo "false|true $?"
true | false; echo "true|false $?"
seq 1 100000 | head -n 2; echo "head closed early"
seq 1 3000 | sed 's/$/x/' | tr x y | awk '{ s += length($0) } END { print s }' | cat | cat
yes abc | head -c 12; echo
seq 1 50000 | sort -rn | head -1
echo hi | (read v; echo "got $v") | tr a-z A-Z
