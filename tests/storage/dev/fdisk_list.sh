#!/bin/sh
# busybox fdisk -l on the partitioned disks: geometry, sizes and the tables as a tool reads them.
[ -b /dev/vdd ] || { echo "no /dev/vdd"; exit 1; }
fdisk -l /dev/vdb 2>&1
fdisk -l /dev/vdd 2>&1
fdisk -l /dev/vda 2>&1
