#!/bin/sh
# uname's kernel name and machine; hostname from /etc/hostname, then changed and read back.
uname -s; uname -m; uname -o
hostname
cat /proc/sys/kernel/hostname
hostname scenario-host; hostname; uname -n
hostname aramid; hostname
