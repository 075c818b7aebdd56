#!/bin/sh
# seq with steps, widths and separators; factor on small, prime and large numbers.
seq 5 | tr '\n' ' '; echo
seq 2 3 20 | tr '\n' ' '; echo
seq 10 -2 1 | tr '\n' ' '; echo
seq -w 8 11 | tr '\n' ' '; echo
seq -s , 1 6
seq 0.5 0.5 2.5 | tr '\n' ' '; echo
seq 1 100000 | tail -1
seq 1 0; echo "empty seq status $?"
factor 1 2 12 97 100 1001
factor 1234567890 600851475143 4294967297
factor 9223372036854775807 18446744073709551615
factor 999999999989
