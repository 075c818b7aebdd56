#!/bin/sh
# SPDX-License-Identifier: MIT
# A control: checksum 1 MiB, almost all user-space computation, so Aramid/Linux should be near 1.
md5sum /tmp/wl/1m.txt >/dev/null
