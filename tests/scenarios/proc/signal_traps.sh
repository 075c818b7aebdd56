#!/bin/sh
# A child shell traps signals sent by its parent, then exits cleanly on request.
# The parent waits for each signal to be acknowledged before sending the next (traps of signals
# pending together would run in signal-number order).
cat > child.sh <<'X'
trap 'echo child got USR1 >> log' USR1
trap 'echo child got HUP >> log' HUP
trap 'echo child got TERM, leaving >> log; exit 0' TERM
echo ready > ready
while :; do sleep 0.05; done
X
await() { n=0; until grep -q "$1" log 2>/dev/null; do n=$((n + 1)); [ $n -gt 200 ] && { echo "no $1"; return 1; }; sleep 0.05; done; }
sh child.sh & p=$!
n=0; while [ ! -f ready ] && [ $n -lt 200 ]; do n=$((n + 1)); sleep 0.05; done
kill -USR1 $p; await USR1
kill -HUP $p; await HUP
kill -TERM $p
wait $p; echo "child exit $?"
cat log
