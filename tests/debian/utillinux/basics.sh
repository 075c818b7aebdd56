# SPDX-License-Identifier: MIT
# util-linux basics: getopt, rev, flock, setsid, findmnt, mountpoint, prlimit, taskset, namei, and the
# System V IPC tools (ipcmk/ipcs/ipcrm).
getopt -o ab:c:: -l alpha,beta:,gamma:: -n prog -- -a -b 1 --beta=two -cX rest 'with space'
getopt -o a -n prog -- -z 2>&1; echo "getopt unknown option: $?"
printf 'hello\nworld\n' | rev
findmnt -n -o FSTYPE,TARGET /proc
findmnt -n -o FSTYPE /tmp
mountpoint /proc; mountpoint -q /usr || echo "/usr is not a mount point"
touch lockfile
flock lockfile -c 'echo "flock held"'
( flock -n 9 || exit 1; flock -n lockfile -c true && echo "second lock taken?!" || echo "second lock refused: $?" ) 9>lockfile
flock -x -w 5 lockfile true && echo "lock free again"
setsid -w sh -c '[ "$(ps -o sid= -p $$ | tr -d " ")" = $$ ] && echo "setsid: a new session"'
prlimit --nofile=64:128 sh -c 'echo "limits $(ulimit -Sn) $(ulimit -Hn)"'
prlimit --pid $$ --output RESOURCE,SOFT --noheadings --nofile
taskset -c 0 sh -c 'taskset -p $$' | sed 's/^pid [0-9]*/pid N/'
namei -n /usr/bin/awk | sed 1d
id=$(ipcmk -M 4096 | awk '{ print $NF }')
ipcs -m | awk -v id="$id" '$2 == id { print "ipcs lists segment of", $5, "bytes, perms", $4 }'
ipcrm -m "$id" && echo "ipcrm ok"
ipcs -m -i "$id" >/dev/null 2>&1 || echo "segment gone"
sid=$(ipcmk -S 3 | awk '{ print $NF }')
ipcs -s | awk -v id="$sid" '$2 == id { print "semaphore set of", $5 }'
ipcrm -s "$sid" && echo "semaphores removed"
whereis -b bash
