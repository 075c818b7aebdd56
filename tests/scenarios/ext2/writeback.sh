#!/bin/sh
# Periodic write-back: with vm.dirty_expire_centisecs and vm.dirty_writeback_centisecs at one
# second, a file created on a loop-mounted image reaches the image within seconds without any
# sync; a copy of the image, mounted read-only, shows it. Also vm.drop_caches: write-only (even
# for root), 1-4, and the cached file reads back the same afterwards.
. /ext2/common
old_expire=$(cat /proc/sys/vm/dirty_expire_centisecs)
old_interval=$(cat /proc/sys/vm/dirty_writeback_centisecs)
echo "defaults: $old_expire $old_interval"
echo 100 > /proc/sys/vm/dirty_expire_centisecs
echo 100 > /proc/sys/vm/dirty_writeback_centisecs
mount -o loop -t ext2 img mnt || exit 1
mkdir mnt/wb && seq 1 2000 > mnt/wb/numbers
sleep 6
cp img copy.img
mkdir -p copy
mount -o loop,ro -t ext2 copy.img copy && { md5sum copy/wb/numbers | cut -d' ' -f1; umount copy; }
md5sum mnt/wb/numbers | cut -d' ' -f1
cat /proc/sys/vm/drop_caches 2>&1 | sed 's/^cat: //'
for v in 0 5 x; do echo $v > /proc/sys/vm/drop_caches 2>/dev/null || echo "drop_caches $v refused"; done
echo 3 > /proc/sys/vm/drop_caches && echo "dropped"
md5sum mnt/wb/numbers | cut -d' ' -f1
umount mnt && echo unmounted
echo $old_expire > /proc/sys/vm/dirty_expire_centisecs
echo $old_interval > /proc/sys/vm/dirty_writeback_centisecs
