#!/bin/sh
# /proc/self/fd: open descriptors and their targets.
echo data > file
exec 3< file 4> out 7< /dev/null
ls /proc/self/fd | sort -n | tr '\n' ' '; echo
readlink /proc/$$/fd/3 | sed "s|^$PWD/||"
readlink /proc/$$/fd/4 | sed "s|^$PWD/||"
readlink /proc/$$/fd/7
exec 3<&- 4>&-
# Not piped: while a pipeline starts, the shell itself holds its pipes for a moment.
ls /proc/$$/fd > fds.txt
sort -n fds.txt | tr '\n' ' '; echo
cat /proc/self/fd/0 < file
echo | readlink /proc/self/fd/0 | sed 's/[0-9][0-9]*/N/'
readlink /proc/self/cwd | sed "s|^$PWD$|cwd ok|"
readlink /proc/self/exe
