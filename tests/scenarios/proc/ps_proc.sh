#!/bin/sh
# ps and /proc list our own processes; a stopped and continued job; zombie reaping.
sleep 30 & p=$!
ps -o pid,comm | awk -v p=$p '$1 == p { print "ps sees", $2 }'
[ -d /proc/$p ] && echo "/proc entry present"
cat /proc/$p/comm
kill -STOP $p; sleep 0.2
awk '/^State:/ { print $2 }' /proc/$p/status
kill -CONT $p; sleep 0.2
awk '/^State:/ { print $2 }' /proc/$p/status
kill $p; wait $p; echo "status $?"
[ -d /proc/$p ] || echo "reaped"
