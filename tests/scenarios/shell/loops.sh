#!/bin/sh
# for, while, until, break, continue, nested loops.
for i in 1 2 3; do printf '%s ' $i; done; echo
i=0; while [ $i -lt 5 ]; do i=$((i + 1)); [ $i -eq 3 ] && continue; printf '%s ' $i; done; echo
n=10; until [ $n -le 7 ]; do printf '%s ' $n; n=$((n - 1)); done; echo
for a in x y z; do for b in 1 2 3; do [ $b -eq 3 ] && break; [ $a = z ] && break 2; printf '%s%s ' $a $b; done; done; echo
seq 1 5 | while read v; do printf '<%s>' $v; done; echo
total=0; for v in $(seq 1 100); do total=$((total + v)); done; echo "sum $total"
set -- p q r; for arg; do printf '%s.' "$arg"; done; echo
