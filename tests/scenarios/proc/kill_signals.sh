#!/bin/sh
# kill -0 on live and dead processes; terminating background jobs; signal names and numbers.
# (The shell's "Terminated" job notice depends on whether the job died before `wait`: it is discarded.)
# (Background jobs of a non-interactive shell ignore SIGINT and SIGQUIT, so those are not used.)
sleep 30 & p=$!
kill -0 $p && echo "alive"
kill $p; wait $p 2>/dev/null; echo "killed by TERM: $?"
kill -0 $p 2>/dev/null || echo "gone"
sleep 30 & p=$!; kill -HUP $p; wait $p 2>/dev/null; echo "HUP: $?"
sleep 30 & p=$!; kill -9 $p; wait $p 2>/dev/null; echo "KILL: $?"
sleep 30 & p=$!; kill -s USR2 $p; wait $p 2>/dev/null; echo "USR2: $?"
kill -l 9; kill -l 15; kill -l USR1
kill -0 999999 2>&1 | sed 's/^.*kill: //'
