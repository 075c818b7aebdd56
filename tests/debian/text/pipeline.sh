# SPDX-License-Identifier: MIT
# GNU coreutils, grep, sed, gawk, findutils and xargs in pipelines over generated data.
set -e
seq 1 2000 | awk '{ printf "%d %s %d\n", ($1 * 7919) % 997, ($1 % 3 ? "odd" : "three"), $1 }' > data.txt
wc -l < data.txt
sort -n -k1,1 -k3,3 data.txt | head -n 3
cut -d' ' -f2 data.txt | sort | uniq -c | sort -k1,1nr
awk '{ sum[$2] += $1; n[$2]++ } END { for (k in sum) printf "%s %.3f\n", k, sum[k] / n[k] }' data.txt | sort
gawk 'BEGIN { PROCINFO["sorted_in"] = "@ind_num_asc" } { c[$1 % 10]++ } END { for (d in c) printf "%d:%d ", d, c[d]; print "" }' data.txt
grep -c ' three ' data.txt
grep -E '^(1|2)[0-9]{2} ' data.txt | wc -l
grep -oP '(?<= )\d{4}$' data.txt | head -n 2
grep -n -m 2 -w 'odd 7' data.txt || true
sed -n '/^5 /p' data.txt | head -n 2
sed -E 's/^([0-9]+) (odd|three) ([0-9]+)$/\3=\1/' data.txt | sed -n '1p;$p'
printf 'Hello, World\nfoo BAR baz\n' | tr 'a-zA-Z' 'n-za-mN-ZA-M'
printf 'a  b\t\tc\n' | tr -s ' \t' ' ' | tr -d 'b'
mkdir -p tree/a/b tree/c "tree/with space"
for i in 1 2 3 4 5; do seq "$i" > "tree/a/f$i.txt"; done
printf 'x\n' > tree/a/b/deep.log
printf 'y\n' > "tree/with space/name one.txt"
ln -s ../a/f1.txt tree/c/link.txt
find tree -type f | sort
find tree -name '*.txt' -size -3c -print0 | sort -z | xargs -0 -n 1 wc -c | sort -k2
find tree -type l -printf '%p -> %l\n'
find tree -type f -name 'f*.txt' -exec cat {} + | paste -sd+ | awk '{ n = split($0, v, "+"); for (i = 1; i <= n; i++) s += v[i]; print n, "terms, sum", s }'
find tree -mindepth 2 -type d | sort
printf '%s\n' one two three four | xargs -n 2 echo pair:
printf '%s\n' 3 1 2 | xargs -I{} sh -c 'echo item {}' | sort -r
seq 10 | paste - - | expand -t 4
seq 5 | tac | tr '\n' ' '; echo
printf 'b\na\nc\n' | sort > s1; printf 'c\nd\na\n' | sort > s2
comm s1 s2 | sed 's/\t/<TAB>/g'
join <(printf '1 one\n2 two\n3 three\n') <(printf '1 uno\n3 tres\n')
nl -ba -w2 s1
printf 'hello world\n' | base64
printf 'aGVsbG8gd29ybGQK' | base64 -d
printf 'abc' | od -An -tx1
printf 'abc\n' | md5sum
printf 'abc\n' | sha1sum
printf 'abc\n' | sha256sum
printf 'abc\n' | sha512sum | cut -c1-32
printf 'abc\n' | b2sum | cut -c1-32
printf 'abc\n' | cksum
factor 1234567 600851475143
numfmt --to=iec 1048576 123456789
expr 7 \* 6 + 1
seq -w 8 11 | tr '\n' ' '; echo
echo "$(date -u -d @0 '+%Y-%m-%d %H:%M:%S %Z') $(date -u -d '2024-02-29 12:00' '+%j %A')"
shuf -i 1-10 --random-source=data.txt | tr '\n' ' '; echo
split -l 700 data.txt part.
wc -l part.* | sort -k2
cat part.* | cmp - data.txt && echo "split pieces rejoin"
truncate -s 10K sparse && stat -c '%s %F' sparse
dd if=/dev/zero bs=1k count=3 2>/dev/null | wc -c
basename /a/b/c.txt .txt; dirname /a/b/c.txt; realpath -m /x/../y/./z
printf '%s\n' 10 9 100 1e3 | sort -g | tr '\n' ' '; echo
printf '%s\n' 1.10 1.9 1.2 | sort -V | tr '\n' ' '; echo
yes abc | head -n 3
fold -w 4 <<< "abcdefghij"
