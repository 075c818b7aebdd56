#!/bin/sh
# SPDX-License-Identifier: MIT
# Compress 1 MiB of text (mostly user-space computation; reads and writes in small blocks).
gzip -c /tmp/wl/1m.txt >/dev/null
