#!/bin/sh
# cut by fields, characters and ranges; tr translation, deletion, squeezing and classes.
printf 'root:x:0:0:root:/root:/bin/sh\nuser:x:1000:1000::/home/user:/bin/false\n' > p
cut -d: -f1,3 p
cut -d: -f6- p
cut -c1-4 p
cut -c3,5,7 p
echo 'a b c d' | cut -d' ' -f2-3
echo 'hello world' | tr a-z A-Z
echo 'hello world' | tr -d lo
echo 'aaabbbccc   ddd' | tr -s 'a-d '
echo 'abc123def456' | tr -cd '0-9'; echo
echo 'Mixed Case 42' | tr '[:upper:][:digit:]' '[:lower:]#'
printf 'one\ttwo\n' | tr '\t' ','
echo hello | tr 'a-y' 'b-z'
