#!/bin/sh
# sleep completes; timeout kills a command that overruns and passes through a quick one's status.
sleep 0.1; echo "slept $?"
sleep 0; echo "sleep 0 $?"
timeout 1 sleep 5; echo "timed out $?"
timeout 5 sh -c 'exit 7'; echo "quick $?"
timeout -s KILL 1 sleep 5; echo "KILL $?"
timeout 2 sh -c 'trap "echo caught TERM; exit 1" TERM; while :; do sleep 0.05; done'; echo "trapped $?"
sleep invalid 2>&1 | head -1 | sed 's/^sleep: //'
