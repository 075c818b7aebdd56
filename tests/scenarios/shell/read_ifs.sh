#!/bin/sh
# read: splitting on IFS, raw mode, last variable takes the rest, reading files line by line.
echo 'a b c d' | { read x y z; echo "x=$x y=$y z=$z"; }
echo 'one:two:three' | { IFS=: read p q r; echo "$r $q $p"; }
printf 'back\\slash\n' | { read -r l; echo "$l"; }
printf 'back\\slash\n' | { read l; echo "$l"; }
printf '  padded  \n' | { read l; echo "[$l]"; }
printf '  padded  \n' | { IFS= read -r l; echo "[$l]"; }
printf 'l1\nl2\nl3' > f
n=0; while IFS= read -r line || [ -n "$line" ]; do n=$((n + 1)); echo "$n: $line"; done < f
read missing < /dev/null; echo "eof status $?"
exec 3< f; read -r first <&3; read -r second <&3; exec 3<&-; echo "$first $second"
IFS=, ; set -- $(echo "a,b,,c"); echo "$# fields"
