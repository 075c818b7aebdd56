#!/bin/sh
# tar with gzip: create, list, extract elsewhere, compare every file; symlinks and modes survive.
mkdir -p tree/sub/deeper
seq 1 3000 > tree/numbers
awk 'BEGIN { for (i = 0; i < 500; i++) print "row", i, i * i }' > tree/sub/squares
echo hidden > tree/.dot
ln -s numbers tree/link
chmod 750 tree/sub/deeper
tar czf t.tgz tree && echo "created"
tar tzf t.tgz | sort
mkdir out && tar xzf t.tgz -C out
diff -r tree out/tree && echo "trees identical"
readlink out/tree/link
stat -c '%a' out/tree/sub/deeper
gzip -t t.tgz && echo "gzip integrity ok"
tar cf plain.tar tree; tar tf plain.tar | wc -l
tar xOf plain.tar tree/sub/squares | tail -1
