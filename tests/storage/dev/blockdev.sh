#!/bin/sh
# busybox blockdev: the BLK* ioctls as a tool sees them.
[ -b /dev/vda ] || { echo "no /dev/vda"; exit 1; }
for o in --getsize64 --getsz --getss --getbsz --getro --getra; do
  echo "$o: $(blockdev $o /dev/vda 2>&1)"
done
blockdev --flushbufs /dev/vda; echo "flushbufs: $?"
blockdev --rereadpt /dev/vda; echo "rereadpt: $?"
