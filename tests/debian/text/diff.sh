# SPDX-License-Identifier: MIT
# GNU diffutils: unified and context diffs with fixed labels, recursive diffs, cmp, diff3 and sdiff,
# and their exit statuses (0 same, 1 different, 2 trouble).
seq 1 30 > a.txt
seq 1 30 | sed -e '5d' -e '12s/.*/twelve/' -e '20a\
inserted' > b.txt
diff -u --label old --label new a.txt b.txt; echo "diff -u: $?"
diff -c --label old --label new a.txt b.txt | head -n 12; echo "diff -c: ${PIPESTATUS[0]}"
diff a.txt a.txt; echo "same: $?"
diff a.txt missing.txt 2>&1 | sed 's/^diff: //'; echo "missing: ${PIPESTATUS[0]}"
diff -q a.txt b.txt; echo "diff -q: $?"
diff --brief <(echo x) <(echo x); echo "process substitution same: $?"
printf 'A\nB\n' > w1; printf 'a\nb \n' > w2
diff -i -b w1 w2 && echo "ignoring case and blanks: same"
mkdir -p d1/sub d2/sub d1/only1 d2/only2
echo one > d1/f; echo one > d2/f
echo x > d1/sub/g; echo y > d2/sub/g
diff -r d1 d2; echo "diff -r: $?"
diff -rq d1 d2 | sort; echo
cmp a.txt b.txt; echo "cmp: $?"
cmp -l <(printf 'abcd') <(printf 'abXd'); echo "cmp -l: $?"
printf '1\n2\n3\n' > m; printf '1\nX\n3\n' > y; printf '1\n2\n3\nZ\n' > o
diff3 -m y m o; echo "diff3: $?"
sdiff -w 30 <(printf 'a\nb\nc\n') <(printf 'a\nB\nc\n'); echo "sdiff: $?"
diff -u a.txt b.txt > p.diff
grep -c '^@@' p.diff
