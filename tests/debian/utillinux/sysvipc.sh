# SPDX-License-Identifier: MIT
# util-linux's System V IPC tools over /proc/sysvipc and the IPC syscalls: ipcs -l (limits from
# /proc/sys/kernel), a message queue made by ipcmk and inspected with ipcs -q / -i, and ipcrm by key.
ipcs -l
qid=$(ipcmk -Q -p 0640 | awk '{ print $NF }')
ipcs -q | awk -v id="$qid" '$2 == id { print "queue listed: perms", $4, "bytes", $5, "messages", $6 }'
ipcs -q -i "$qid" | grep -E '^(uid|mode|cbytes|qnum)' | sed 's/[0-9]\{9,\}/N/g'
ipcrm -q "$qid" && echo "queue removed"
mid=$(ipcmk -M 10000 -p 0600 | awk '{ print $NF }')
ipcs -m -i "$mid" | grep -E 'bytes|nattch|mode' | sed -e 's/cpid=[0-9]*/cpid=P/' -e 's/[0-9]\{9,\}/N/g'
key=$(ipcs -m | awk -v id="$mid" '$2 == id { print $1 }')
ipcrm -M "$key" && echo "removed by key"
ipcs -m | awk -v id="$mid" '$2 == id { print "still listed?!" }'
