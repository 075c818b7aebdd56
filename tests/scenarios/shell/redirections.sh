#!/bin/sh
# Redirections: >, >>, <, 2>&1 ordering, >&-, here-strings via fds, exec on fds, noclobber.
echo first > f; echo second >> f; cat f
ls missing-file > out 2>&1; sed 's/^ls: //' out
ls missing-file 2>&1 > out2 | sed 's/^ls: /pipe: /'; wc -c < out2
{ echo to-stdout; echo to-stderr >&2; } 2> err > std; cat std err
exec 4> fd4; echo via fd4 >&4; exec 4>&-; cat fd4
exec 5< f; read l <&5; echo "read $l"; exec 5<&-
echo closed >&- 2>/dev/null; echo "write to closed fd status $?"
set -C; echo x > f 2>/dev/null || echo "noclobber refused"; echo y >| f; cat f; set +C
cat < f > g; cmp f g && echo "copied by redirection"
: > empty; wc -c < empty
echo data 1<> rw; cat rw
