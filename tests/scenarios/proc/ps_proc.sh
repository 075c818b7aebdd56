#!/bin/sh
# ps and /proc list our own processes; a stopped and continued job; zombie reaping.
state() { awk '/^State:/ { print $2 }' /proc/$1/status; }
await_state() { n=0; while [ -d /proc/$1 ] && [ "$(state $1)" != "$2" ] && [ $n -lt 100 ]; do n=$((n + 1)); sleep 0.05; done; state $1; }
sleep 30 & p=$!
# The job is a forked shell until it has executed sleep: wait for that.
n=0; while [ -d /proc/$p ] && [ "$(cat /proc/$p/comm)" != sleep ] && [ $n -lt 100 ]; do n=$((n + 1)); sleep 0.05; done
ps -o pid,comm | awk -v p=$p '$1 == p { print "ps sees", $2 }'
[ -d /proc/$p ] && echo "/proc entry present"
cat /proc/$p/comm
kill -STOP $p; await_state $p T
kill -CONT $p; await_state $p S
kill $p; wait $p 2>/dev/null; echo "status $?"
[ -d /proc/$p ] || echo "reaped"
