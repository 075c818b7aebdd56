#!/bin/sh
# The disk in /proc/partitions (Linux's exact format) and its driver's major in /proc/devices.
[ -b /dev/vda ] || { echo "no /dev/vda"; exit 1; }
cat /proc/partitions
sed -n '/^Block devices:/,$p' /proc/devices | grep -E '^Block|virtblk|blkext'
