#!/bin/sh
# Background jobs: wait for one, wait for all, collect exit statuses, output ordered by files.
(sleep 0.2; echo a > ra; exit 3) & p1=$!
(echo b > rb; exit 5) & p2=$!
wait $p1; echo "job1 status $?"
wait $p2; echo "job2 status $?"
cat ra rb
for i in 1 2 3 4 5; do (sleep 0.$i; echo $i > out.$i) & done
wait; cat out.1 out.2 out.3 out.4 out.5 | tr '\n' ' '; echo
sh -c 'exit 9' & wait $!; echo "direct wait $?"
wait; echo "wait with nothing left $?"
