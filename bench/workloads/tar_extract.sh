#!/bin/sh
# SPDX-License-Identifier: MIT
# Extract a small tree (4 directories, 48 files, ~300 KiB) into a fresh directory on tmpfs.
rm -rf /tmp/wl/x && mkdir /tmp/wl/x && tar -xf /tmp/wl/tree.tar -C /tmp/wl/x
