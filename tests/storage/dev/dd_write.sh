#!/bin/sh
# Writes at odd offsets and sizes (sectors 1000-1400 only), read back: partial sectors keep the
# bytes around the write.
[ -b /dev/vda ] || { echo "no /dev/vda"; exit 1; }
printf 'hello' | dd of=/dev/vda bs=1 seek=512003 conv=notrunc 2>&1
printf 'ABCDEFGHIJ' | dd of=/dev/vda oflag=seek_bytes seek=512505 bs=10 conv=notrunc 2>&1
head -c 1500 /dev/zero | tr '\0' 'z' | dd of=/dev/vda oflag=seek_bytes seek=513100 bs=1500 conv=notrunc 2>&1
dd if=/dev/vda iflag=skip_bytes skip=512000 bs=2700 count=1 2>/dev/null | od -A d -c
# Without conv=notrunc BusyBox also truncates the output, which a block device ignores.
printf 'T' | dd of=/dev/vda bs=512 seek=1005 2>&1
dd if=/dev/vda bs=512 skip=1005 count=1 2>/dev/null | head -c 16 | od -A d -c
# Whole sectors, several requests' worth.
head -c 200000 /dev/zero | tr '\0' 'W' | dd of=/dev/vda bs=4096 seek=126 conv=notrunc 2>/dev/null
dd if=/dev/vda bs=512 skip=1008 count=392 2>/dev/null | tr -d 'W' | wc -c
dd if=/dev/vda bs=512 skip=1398 count=3 2>/dev/null | od -A d -c | head -4
