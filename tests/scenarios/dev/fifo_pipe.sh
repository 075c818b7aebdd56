#!/bin/sh
# Named pipes: a writer and a reader meet; large transfers through a FIFO keep every byte.
mkfifo p
stat -c %F p
(seq 1 5 > p) &
cat p | tr '\n' ' '; echo
wait
(seq 1 100000 > p) &
md5sum < p
seq 1 100000 | md5sum
wait
exec 3<> p; echo through-rw >&3; read l <&3; echo "$l"; exec 3>&-
