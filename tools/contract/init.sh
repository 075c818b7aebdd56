#!/bin/sh
# SPDX-License-Identifier: MIT
# /init of the contract-test initramfs: mount the basic filesystems, then hand PID 1 to the runner.
/bin/mount -t proc proc /proc 2>/dev/null || echo "@@@ NOTE mount /proc failed"
/bin/mount -t devtmpfs devtmpfs /dev 2>/dev/null || /bin/mount -t devfs devfs /dev 2>/dev/null || echo "@@@ NOTE mount /dev failed"
/bin/mkdir -p /dev/pts /dev/shm
/bin/mount -t devpts devpts /dev/pts 2>/dev/null || echo "@@@ NOTE mount /dev/pts failed"
/bin/mount -t tmpfs tmpfs /tmp 2>/dev/null || echo "@@@ NOTE mount /tmp failed"
/bin/mount -t tmpfs tmpfs /dev/shm 2>/dev/null
/bin/chmod 1777 /tmp
exec /ct/runner /ct/list
echo "@@@ NOTE exec runner failed"
/bin/poweroff -f
