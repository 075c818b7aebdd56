#!/bin/sh
# SPDX-License-Identifier: MIT
# A text pipeline over 64 KiB of words: three processes connected by pipes, started by a shell.
grep -v -e zone -e node /tmp/wl/words.txt | sort | uniq -c >/dev/null
