# SPDX-License-Identifier: MIT
# GNU tar with gzip: `tar czf` then `tar xzf` elsewhere, every file's SHA-256 compared; a reproducible
# archive (sorted names, fixed mtime and owners, gzip -n) has the same checksum on every kernel.
set -e
mkdir -p src/docs src/bin src/empty src/deep/er/still
seq 1 20000 > src/docs/numbers.txt
yes 'the same line again' | head -n 5000 > src/docs/repeat.txt
awk 'BEGIN { srand(7); for (i = 0; i < 4096; i++) printf "%c", int(rand() * 256) }' > src/bin/noise.bin
printf 'x' > src/deep/er/still/tiny
: > src/zero-length
ln -s docs/numbers.txt src/link
ln src/docs/repeat.txt src/hardlink
chmod 750 src/bin; chmod 600 src/docs/repeat.txt
touch -d '2001-02-03 04:05:06 UTC' src/docs/numbers.txt
tar czf src.tgz src
gzip -t src.tgz && echo "gzip -t: ok"
tar tzf src.tgz | sort
mkdir out
tar xzf src.tgz -C out
(cd src && find . -type f | sort | xargs sha256sum) > before.sum
(cd out/src && sha256sum -c --quiet ../../before.sum) && echo "all $(wc -l < before.sum) checksums match"
stat -c '%n %a %s' out/src/docs/repeat.txt out/src/bin out/src/zero-length
stat -c '%y' out/src/docs/numbers.txt
readlink out/src/link
[ "$(stat -c %i out/src/hardlink)" = "$(stat -c %i out/src/docs/repeat.txt)" ] && echo "hard link kept"
diff -r src out/src && echo "diff -r: identical"
tar --sort=name --mtime=@1000000000 --owner=0 --group=0 --numeric-owner -cf - src | gzip -n9 > repro.tgz
sha256sum repro.tgz
gzip -l repro.tgz | awk 'NR == 2 { print "uncompressed", $2 }'
tar xzf repro.tgz --to-stdout src/docs/numbers.txt | tail -n 1
tar tvzf repro.tgz --numeric-owner src/docs/numbers.txt | awk '{ print $1, $2, $3, $4, $5 }'
tar czf - src | tar tzf - | wc -l
gzip -c src/docs/numbers.txt > n.gz
gzip -dc n.gz | cmp - src/docs/numbers.txt && echo "gzip round trip ok"
zcat n.gz | wc -l
printf 'not a gzip file\n' > bad.gz
if gzip -t bad.gz 2>err.txt; then echo "bad.gz accepted"; else echo "gzip -t bad.gz: status $?"; fi
sed 's/^gzip: //' err.txt
if tar xzf bad.gz 2>/dev/null; then echo "tar accepted bad.gz"; else echo "tar xzf bad.gz: status $?"; fi
