#!/bin/sh
# od, hexdump and xxd on the same bytes; xxd -r round trip.
awk 'BEGIN { for (i = 0; i < 64; i++) printf "%c", (i * 7 + 33) % 127 }' > bytes
printf '\000\001\377ABC\n' >> bytes
od -Ax -tx1 bytes
od -An -tu2 -N8 bytes
od -c -N 16 bytes
hexdump -C bytes
hexdump -e '8/1 "%02x " "\n"' -n 16 bytes
xxd bytes
xxd -p bytes | xxd -r -p > back; cmp bytes back && echo "xxd -r round trip"
xxd -l 8 -s 4 bytes
