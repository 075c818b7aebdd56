#!/bin/sh
# /proc/cpuinfo, /proc/meminfo, /proc/version and others: structure rather than values.
n=$(grep -c '^processor' /proc/cpuinfo)
[ "$n" -ge 1 ] && echo "at least one processor"
[ "$n" = "$(nproc)" ] && echo "nproc agrees with cpuinfo"
grep -q '^flags.*\bfpu\b' /proc/cpuinfo && echo "fpu flag"
grep -m1 '^vendor_id' /proc/cpuinfo | cut -d: -f1 | tr -d '\t '
for k in MemTotal MemFree MemAvailable; do grep -q "^$k: *[0-9]* kB$" /proc/meminfo && echo "$k present"; done
awk '/^MemTotal:/ { print ($2 > 100000 && $2 < 600000) ? "MemTotal plausible" : "MemTotal odd " $2 }' /proc/meminfo
cut -d' ' -f1 /proc/version
awk '{ print NF }' /proc/loadavg
awk '{ print NF, ($1 > 0) ? "uptime positive" : "uptime zero" }' /proc/uptime
grep -c . /proc/self/stat
awk '{ print $2, $3 }' /proc/self/stat
