#!/bin/sh
# cpio -o in newc format, list with -t, extract with -i -d into another directory.
mkdir -p src/a/b
seq 1 1000 > src/a/nums
echo leaf > src/a/b/leaf
ln -s nums src/a/link
(cd src && find . | sort | cpio -o -H newc > ../arch.cpio 2>/dev/null) && echo "archived"
cpio -t < arch.cpio 2>/dev/null | sort
mkdir dst && (cd dst && cpio -i -d < ../arch.cpio 2>/dev/null)
diff -r src dst && echo "identical after extract"
readlink dst/a/link
head -c 6 arch.cpio; echo
