#!/bin/sh
# SPDX-License-Identifier: MIT
# Inputs of the workloads, generated in the guest (deterministic bytes, see bench/gen.c), untimed.
set -e
rm -rf /tmp/wl
mkdir -p /tmp/wl
/bench/bin/gen text /tmp/wl/words.txt 65536
/bench/bin/gen text /tmp/wl/1m.txt 1048576
/bench/bin/gen tree /tmp/wl/tree
cd /tmp/wl
tar -cf tree.tar tree
rm -rf tree
