#!/bin/sh
# O_APPEND on a block device (through partition vdb6, which no other scenario writes): where
# write(2) and pwrite(2) put the bytes.
[ -b /dev/vdb6 ] || { echo "no /dev/vdb6"; exit 1; }
blkio /dev/vdb6 append
