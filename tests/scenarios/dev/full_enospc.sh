#!/bin/sh
# /dev/full: writes fail with ENOSPC, reads return zeros.
dd if=/dev/zero of=/dev/full bs=1 count=1 2>&1 | grep -v -e 'records' -e 'copied'
echo "dd status $?"
echo hello > /dev/full 2>err; echo "echo status $?"; sed 's/^.*: //' err
sh -c 'echo x > /dev/full' 2>&1 | sed 's/^[^:]*: //' 
cat /etc/hostname > /dev/full 2>&1 | sed 's/^cat: //'
head -c 16 /dev/full | od -An -tx1
