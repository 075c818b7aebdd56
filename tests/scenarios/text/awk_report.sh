#!/bin/sh
# awk: fields, associative arrays, printf, functions, numeric formatting.
awk 'BEGIN { for (i = 1; i <= 30; i++) printf "%s %d %d\n", substr("redgreenblue", (i%3)*4+1, 4), i, (i*7)%11 }' > data
awk '{ sum[$1] += $2; cnt[$1]++ } END { for (k in sum) printf "%s %d %d\n", k, sum[k], cnt[k] }' data | sort
awk '$3 > 8 { n++ } END { print n " rows with col3>8" }' data
awk -F: '{ print NF, $NF }' <<X
a:b:c
one
::
X
awk 'function fact(n) { return n <= 1 ? 1 : n * fact(n-1) } BEGIN { for (i = 1; i <= 12; i++) printf "%d! = %d\n", i, fact(i) }' | tail -3
awk 'BEGIN { printf "%5.2f|%-6s|%06d|%x|%o|%e|%c\n", 3.14159, "ab", 42, 255, 8, 12345.678, 65 }'
awk 'BEGIN { s = "Hello, World"; print length(s), index(s, "World"), toupper(s), tolower(s); n = split("a b  c", p); print n, p[3]; gsub(/o/, "0", s); print s }'
awk 'BEGIN { print 65536 * 32768, 4294967296 * 2097152, int(-3.7), 7 % 3, -7 % 3, 1e6, 0.1 + 0.2 }'
seq 1 10 | awk 'NR % 3 == 0 { printf "%s,", $0 } END { print "" }'
printf 'b 2\na 1\nc 3\n' | awk '{ print $2, $1 }' OFS='-'
