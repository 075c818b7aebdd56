#!/bin/sh
# gzip and gunzip round trips on compressible and incompressible data; levels; zcat; -l sizes.
seq 1 50000 > text
dd if=/dev/urandom of=random bs=1024 count=64 2>/dev/null
for f in text random; do
  cp $f $f.orig
  gzip $f && [ ! -e $f ] && [ -f $f.gz ] && echo "$f compressed"
  gunzip $f.gz && cmp $f $f.orig && echo "$f round trip ok"
done
gzip -c -9 < text | wc -c
gzip -c -1 < text | wc -c
gzip -c < text | gunzip -c | md5sum
gzip -c text > t.gz; zcat t.gz | tail -1
printf 'not gzip data' > bad.gz; gunzip -t bad.gz 2>err; echo "status $?"; sed 's/^gunzip: //' err
