#!/bin/sh
# /proc/self/status fields that do not vary between kernels or runs.
grep -E '^(Name|Umask|State|Uid|Gid):' /proc/self/status
sh -c 'grep -c "^Tgid:" /proc/self/status'
sh -c 'tgid=$(awk "/^Tgid:/ { print \$2 }" /proc/self/status); pid=$(awk "/^Pid:/ { print \$2 }" /proc/self/status); [ "$tgid" = "$pid" ] && echo "Tgid equals Pid"'
sh -c 'echo $$ > mypid; exec awk "/^Pid:/ { print \$2 }" /proc/self/status' > seen; [ "$(cat mypid)" = "$(cat seen)" ] && echo "exec keeps the pid"
sh -c 'p=$(awk "/^PPid:/ { print \$2 }" /proc/self/status); [ "$p" = "$PPID" ] && echo "PPid is the shell"'
grep -c '^VmRSS:' /proc/self/status
awk '/^Threads:/ { print "Threads", $2 }' /proc/self/status
cat /proc/self/comm
sh -c 'cat /proc/$$/comm'
