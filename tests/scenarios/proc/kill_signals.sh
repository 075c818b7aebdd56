#!/bin/sh
# kill -0 on live and dead processes; terminating background jobs; signal names and numbers.
sleep 30 & p=$!
kill -0 $p && echo "alive"
kill $p; wait $p; echo "killed by TERM: $?"
kill -0 $p 2>/dev/null || echo "gone"
sleep 30 & p=$!; kill -INT $p; wait $p; echo "INT: $?"
sleep 30 & p=$!; kill -9 $p; wait $p; echo "KILL: $?"
sleep 30 & p=$!; kill -s USR2 $p; wait $p; echo "USR2: $?"
kill -l 9; kill -l 15; kill -l USR1
kill -0 999999 2>&1 | sed 's/^.*kill: //'
