#!/bin/sh
# /dev/ptmx from the shell: each open allocates a pair whose slave appears in devpts (locked until
# unlockpt, so opening it fails), its owner, mode and group come from the devpts mount options
# (gid=5,mode=620), and the node goes away when the master closes.
stat -f -c %t /dev/pts
stat -c '%F %t:%T %a' /dev/ptmx /dev/pts/ptmx
ls /dev/pts
exec 3<>/dev/ptmx
ls /dev/pts
n=$(ls /dev/pts | grep -v ptmx)
stat -c '%F %t %a %u %g' /dev/pts/$n
readlink /proc/self/fd/3
cat /dev/pts/$n 2>&1 | sed 's/^cat: //'
exec 4<>/dev/ptmx
ls /dev/pts | wc -l
exec 3<&-
exec 4<&-
ls /dev/pts
