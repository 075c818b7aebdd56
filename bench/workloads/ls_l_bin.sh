#!/bin/sh
# SPDX-License-Identifier: MIT
# ls -l of /bin: several hundred symbolic links (lstat, readlink, getdents), output to /dev/null.
ls -l /bin >/dev/null
