#!/bin/sh
# dc and bc style calculators where present, checked against shell arithmetic.
if command -v dc >/dev/null; then
  echo '2 10 ^ p' | dc
  echo '17 5 / p 17 5 % p' | dc
  echo '3 k 22 7 / p' | dc
fi
if command -v bc >/dev/null; then
  echo '2^64' | bc
  echo 'scale=5; 4*a(1)' | bc -l 2>/dev/null || echo 'scale=5; 355/113' | bc
fi
s=0; for i in $(seq 1 200); do s=$((s + i * i)); done; echo "sum of squares $s"
awk 'BEGIN { s = 0; for (i = 1; i <= 200; i++) s += i * i; print "awk agrees", s }'
printf '%s\n' 1 2 3 4 5 | awk '{ p = p ? p * $1 : $1 } END { print "product", p }'
