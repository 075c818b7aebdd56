# SPDX-License-Identifier: MIT
# Debian's bash with job control (set -m) and no terminal: jobs in their own process groups, %N job
# specs, kill/wait on jobs, stop and continue with bg, fg of a running job, and wait's statuses.
set -m
sleep 30 &
first=$!
jobs
echo "job pid is \$!: $([ "$(jobs -p %1)" = "$first" ] && echo yes)"
pg=$(ps -o pgid= -p "$first" | tr -d ' ')
mypg=$(ps -o pgid= -p $$ | tr -d ' ')
echo "job leads its own group: $([ "$pg" = "$first" ] && echo yes) (shell's group differs: $([ "$pg" != "$mypg" ] && echo yes))"
kill -STOP %1
while [ "$(ps -o stat= -p "$first" | cut -c1)" != T ]; do sleep 0.05; done
echo "state after STOP: $(ps -o stat= -p "$first" | cut -c1)"
bg %1
while [ "$(ps -o stat= -p "$first" | cut -c1)" = T ]; do sleep 0.05; done
echo "state after bg: $(ps -o stat= -p "$first" | cut -c1)"
# bash may report the killed job on stderr at any command boundary: that notice is not compared.
{ kill %1; wait "$first"; st=$?; } 2>/dev/null
echo "wait for the killed job: $st"
mkfifo gate
(read -r _ < gate; exit 6) &
(exit 3) &
wait -n
echo "wait -n: $?"
echo go > gate
wait
echo "wait all: $?"
sh -c 'exit 9' &
fg %1 >/dev/null
echo "fg status: $?"
# Finished jobs leave the job table at the next notice, but wait still knows the statuses of their pids.
pids=()
for n in 1 2 3; do (exit $n) & pids+=($!); done
ok=0
for pid in "${pids[@]}"; do wait "$pid"; ok=$((ok + $?)); done
echo "sum of statuses: $ok"
echo "jobs running: $(jobs -r | wc -l)"
