#!/bin/sh
# 64-bit edges in shell arithmetic, awk and printf.
max=9223372036854775807
min=$((-max - 1))
echo $max $min
echo $((max + 1 == min))
echo $((min / -1)) 2>&1 | head -1 >/dev/null; echo "min/-1 did not crash the shell"
echo $((max / 3)) $((max % 1000)) $((min % 1000))
echo $((0x7fffffffffffffff)) $((0xffffffffffffffff)) $((0x8000000000000000))
echo $((1 << 32)) $(( (1 << 31) * 2 )) $(( 2147483647 + 1 )) $(( 4294967295 + 1 ))
echo $(( -1 >> 1 )) $(( -8 >> 2 ))
printf '%d %u %x %o\n' -1 4294967295 4294967295 8
printf '%d\n' 9223372036854775807
printf '%x\n' -1
awk 'BEGIN { x = 9007199254740992; printf "%.0f %.0f\n", x, x + 1 }'
awk 'BEGIN { printf "%d %d\n", 2147483648 * 3, -2147483648 * 2 }'
