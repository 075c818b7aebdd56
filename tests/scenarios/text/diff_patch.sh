#!/bin/sh
# diff -u between generated files, identical files, and applying the diff with patch.
seq 1 20 > old
seq 1 20 | sed -e 's/^5$/five/' -e '/^12$/d' -e '$a\
21' > new
diff -u old new | sed -e '1s/\t.*//' -e '2s/\t.*//'
echo "status $?"
diff old old; echo "same status $?"
diff -q old new; echo "brief status $?"
diff -u old new > p.diff
cp old work; patch work < p.diff >/dev/null && cmp work new && echo "patched equal"
mkdir A B; echo 1 > A/x; echo 2 > B/x; echo 3 > A/only
diff -r A B | sed 's/\t.*//'
