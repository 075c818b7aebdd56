#!/bin/sh
# A child shell traps signals sent by its parent, then exits cleanly on request.
cat > child.sh <<'X'
trap 'echo child got USR1 >> log' USR1
trap 'echo child got HUP >> log' HUP
trap 'echo child got TERM, leaving >> log; exit 0' TERM
echo ready > ready
while :; do sleep 0.05; done
X
sh child.sh & p=$!
while [ ! -f ready ]; do sleep 0.05; done
kill -USR1 $p; sleep 0.3
kill -HUP $p; sleep 0.3
kill -TERM $p
wait $p; echo "child exit $?"
cat log
