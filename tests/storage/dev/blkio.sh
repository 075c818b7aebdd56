#!/bin/sh
# pread/pwrite/lseek/ioctl/fsync on the device node (tests/storage/helpers/blkio.c; sectors 2000-2003
# and the last sector are written).
[ -b /dev/vda ] || { echo "no /dev/vda"; exit 1; }
blkio /dev/vda 2000
