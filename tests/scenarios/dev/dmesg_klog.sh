#!/bin/sh
# BusyBox dmesg over syslog(2): raw lines carry a "<level>" prefix, plain ones start with the
# timestamp; -c reads then clears; -n sets the console level.
dmesg -r | head -3 | grep -c '^<[0-9][0-9]*>\['
dmesg | head -3 | grep -c '^\['
echo "scenario-marker-one" > /dev/kmsg
dmesg | grep -c scenario-marker-one
dmesg -c > /dev/null; echo "clear status $?"
dmesg | grep -c scenario-marker-one
echo "scenario-marker-two" > /dev/kmsg
dmesg | grep -c scenario-marker-two
dmesg -n 4; echo "level status $?"
dmesg -s 100000 | grep -c scenario-marker-two
