#!/bin/sh
# /proc/mounts lists the file systems init mounted; /proc/cmdline and /proc/self/cmdline.
awk '$2 == "/proc" || $2 == "/tmp" || $2 == "/sys" { print $2, $3 }' /proc/mounts | sort
grep -c 'rdinit=/init' /proc/cmdline
sh -c 'tr "\0" " " < /proc/self/cmdline; echo' arg0
cat /proc/self/cmdline | od -An -c | head -1 | tr -s ' '
[ -r /proc/filesystems ] && grep -wq tmpfs /proc/filesystems && echo "tmpfs listed"
mkdir m; mount -t tmpfs -o size=1m tmpfs m && grep -c "$PWD/m" /proc/mounts; umount m && echo unmounted
