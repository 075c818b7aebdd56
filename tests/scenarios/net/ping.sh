#!/bin/sh
# BusyBox ping as root over 127.0.0.1 (a raw ICMP socket; the kernel answers the echo requests).
# The round-trip times differ between runs: they are cut out.
ifconfig lo up
ping -c 3 127.0.0.1 | sed -e 's/ time=[0-9.]* ms//' -e '/^round-trip/d'
echo "ping status: $?"
ping -c 1 -W 1 127.0.0.5 2>&1 | sed -e 's/ time=[0-9.]* ms//' -e '/^round-trip/d'
