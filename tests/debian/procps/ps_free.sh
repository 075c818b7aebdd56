# SPDX-License-Identifier: MIT
# procps reading /proc: ps, pgrep/pkill, pidof-like lookups, kill, free, uptime, top and vmstat in
# batch mode. Only what is fixed on any kernel is printed: names, relations, states and formats.
sleep 30 &
child=$!
sh -c 'exec sleep 31' &
other=$!
ps -o comm= -p $$
ps -o comm=,args= -p "$child"
[ "$(ps -o ppid= -p "$child" | tr -d ' ')" = $$ ] && echo "ps: parent of sleep is this shell"
ps -o user=,stat= -p "$child" | awk '{ print $1, substr($2, 1, 1) }'
ps -e -o comm= | grep -cx sleep
ps -eo pid=,comm= | awk -v p="$child" '$1 == p { print "ps -e lists the child as", $2 }'
ps --ppid $$ -o comm= > kids   # not a pipeline: the other end would race with ps's scan of /proc
sort kids
ps -o pid,ppid,pgid,comm -p "$child" | head -n 1
pgrep -x sleep | sort -n | tr '\n' ' ' | awk -v a="$child" -v b="$other" '{ print ($1 == (a < b ? a : b) && $2 == (a < b ? b : a)) ? "pgrep found both" : "pgrep: " $0 }'
pgrep -f 'sleep 31' >/dev/null && echo "pgrep -f matches the command line"
pgrep -P $$ -x sleep | wc -l
pkill -x -f 'sleep 31'
wait "$other"; echo "pkill: sleep 31 ended with $?"
kill -STOP "$child"
until [ "$(ps -o stat= -p "$child" | cut -c1)" = T ]; do sleep 0.05; done
echo "stopped: $(ps -o stat= -p "$child" | cut -c1)"
kill -CONT "$child"
kill -l TERM; kill -l 9
# TERM: bash reports a background job killed by most other signals on stderr, with its pid, after wait.
/bin/kill -s TERM "$child"
wait "$child"
echo "sleep killed by TERM: $?"
free | awk 'NR == 1 { print $1, $2, $3, $4, $5, $6 } NR == 2 { print $1, ($2 > 0), ($2 >= $3), ($7 <= $2) } NR == 3 { print $1 }'
free -b | awk 'NR == 2 { print "bytes are KiB*1024:", ($2 % 1024 == 0) }'
total_kb=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)
free -k | awk -v t="$total_kb" 'NR == 2 { print "free agrees with /proc/meminfo:", ($2 == t) }'
uptime | grep -Eq '^ ?[0-9:]+ up .*load average: [0-9.]+, [0-9.]+, [0-9.]+$' && echo "uptime format ok"
uptime -s | grep -Eq '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:]{8}$' && echo "uptime -s format ok"
top -b -n 1 > top.out
head -n 1 top.out | grep -Eq '^top - [0-9:]+ up .*load average' && echo "top header ok"
sed -n '2p' top.out | grep -Eq '^Tasks: +[0-9]+ total' && echo "top tasks line ok"
grep -E '^ *PID +USER' top.out | awk '{ print $1, $2, $NF }'
awk -v p=$$ '$1 == p { print "top lists the shell as", $NF }' top.out
vmstat 1 1 | sed -n '2p' | awk '{ print $1, $2, $3, $4, NF }'
pmap $$ | head -n 1 | sed "s/^$$:/PID:/"
pwdx $$ | sed "s/^$$:/PID:/"
