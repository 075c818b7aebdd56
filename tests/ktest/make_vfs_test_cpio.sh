#!/bin/sh
# SPDX-License-Identifier: MIT
# Builds the archive the vfs.initramfs_* ktests unpack, with GNU cpio: three concatenated
# archives (newc as root, newc with a host device node, and crc/070702 as uid 1000), covering
# directories, files, a hard link pair, relative and absolute symlinks, a FIFO and a char device.
set -eu
out="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
mkdir -p root/etc root/bin root/empty_dir root/deep/a/b/c
printf 'hello from the initramfs\n' > root/etc/motd
chmod 0640 root/etc/motd
ln root/etc/motd root/etc/motd.link
awk 'BEGIN { for (i = 0; i < 20000; i++) printf "%07d\n", i }' > root/bin/data
chmod 4755 root/bin/data
ln -s ../etc/motd root/bin/motd-link
ln -s /etc root/abs-link
mkfifo root/fifo
chmod 2775 root/deep
find root -exec touch -h -d @1700000000 {} +
(cd root && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) > a.cpio
(cd / && printf 'dev\ndev/null\n' | cpio -o -H newc -R 0:0 --quiet) > b.cpio
mkdir u
printf 'owned by 1000\n' > u/userfile
touch -d @1600000000 u/userfile
(cd u && echo userfile | cpio -o -H crc -R 1000:1000 --quiet) > c.cpio
cat a.cpio b.cpio c.cpio > "$out"
