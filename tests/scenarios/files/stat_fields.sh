#!/bin/sh
# stat on each file type: type, size, mode, link count, owner; device numbers of /dev/null.
printf 'hello' > reg; mkdir dir; ln -s reg lnk; mkfifo fifo
stat -c '%n|%F|%s|%a|%h|%u|%g|%U' reg
stat -c '%n|%F|%a|%u' dir lnk fifo
stat -c '%N' lnk
stat -L -c '%F %s' lnk
stat -c '%F %t %T %a' /dev/null /dev/zero
mkdir dir/a dir/b; stat -c '%h' dir
stat -f -c '%T' . 2>&1 | sed 's/^.*tmpfs.*$/tmpfs-like/'
