# SPDX-License-Identifier: MIT
# exit: 5
# Debian's bash: EXIT traps (script, subshell, function-less), INT and TERM via kill on the shell itself,
# USR1 sent by a child, ERR with set -E, ignored signals inherited across exec, and the 128+N statuses
# of commands killed by signals.
trap 'echo "EXIT trap of the script (status $?)"' EXIT
( trap 'echo "EXIT trap of a subshell"' EXIT; echo "in subshell"; exit 4 )
echo "subshell status $?"

trap 'echo "caught INT"' INT
kill -INT $$
echo "after INT"
trap 'echo "caught TERM"; term_seen=1' TERM
kill -TERM $$
echo "term_seen=$term_seen"

got=0
trap 'got=$((got + 1))' USR1
bash -c 'kill -USR1 $PPID'
bash -c 'kill -USR1 $PPID'
echo "USR1 delivered $got times"
trap - USR1
trap -p INT TERM

errs=0
set -E
trap 'st=$?; errs=$((errs + 1)); echo "ERR at status $st"' ERR
f() { false; true; }
f
(exit 7)
trap - ERR
set +E
echo "errs=$errs"

trap '' HUP
bash -c 'kill -HUP $$; echo "child survived an ignored HUP"'
trap - HUP
# bash reports a foreground command killed by a signal on stderr, with its pid: not compared.
{ bash -c 'kill -TERM $$'; } 2>/dev/null
echo "killed by TERM: $?"
{ bash -c 'kill -KILL $$'; } 2>/dev/null
echo "killed by KILL: $?"
sh -c 'exit 300'
echo "exit 300 is $?"
timeout -s INT 0.2 sleep 5
echo "timeout status $?"
trap 'echo "INT in a loop at $i"; stop=1' INT
for i in 1 2 3 4 5; do
  [ "$i" = 3 ] && kill -INT $$
  [ -n "$stop" ] && break
done
echo "loop stopped at $i"
exit 5
