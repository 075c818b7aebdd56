#!/bin/sh
# xargs batching, -n, -I, -P parallel jobs (results sorted), -0 with find.
seq 1 10 | xargs echo
seq 1 10 | xargs -n 3 echo
seq 1 5 | xargs -I{} echo 'item {} done'
seq 1 8 | xargs -P 4 -n 1 sh -c 'sleep 0.1; echo "$1" > "out.$1"' sh
cat out.* | sort -n | tr '\n' ' '; echo
printf 'a b\0c\0' | xargs -0 -n 1 echo
seq 1 3 | xargs -n 1 sh -c 'exit $1' sh; echo "status $?"
echo | xargs -r echo never; echo "empty -r $?"
