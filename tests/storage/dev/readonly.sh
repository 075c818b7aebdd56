#!/bin/sh
# A read-only disk (QEMU readonly=on, VIRTIO_BLK_F_RO): reads work, opening for writing works, writes
# fail; the data stays.
[ -b /dev/vdc ] || { echo "no /dev/vdc"; exit 1; }
blockdev --getro /dev/vdc
printf 'nope' | dd of=/dev/vdc bs=4 seek=3 conv=notrunc 2>&1
echo "dd status $?"
sh -c 'echo x > /dev/vdc' 2>&1 | sed 's/^[^:]*: //'
dd if=/dev/vdc bs=4 skip=3 count=1 2>/dev/null | od -A d -c
blockdev --flushbufs /dev/vdc; echo "flushbufs: $?"
blkio /dev/vdc ranges
