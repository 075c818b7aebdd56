#!/bin/sh
# Hard links share data and count links; symbolic links resolve, dangle, and chain.
echo data > f
ln f h1; ln f h2
stat -c '%h %n' f h1 h2
echo more >> h2; cat f
rm h1; stat -c '%h' f
ln -s f s1; ln -s s1 s2; ln -s missing dangling
for l in s1 s2 dangling; do readlink $l; done
cat s2
stat -c '%F' s1; stat -L -c '%F %s' s2
readlink -f s2 | sed "s|$PWD|.|"
[ -e dangling ] || echo "dangling does not resolve"
[ -L dangling ] && echo "but is a link"
ln -sf h2 s1; readlink s1
mkdir dir; ln -s ../f dir/up; cat dir/up
ln -s dir dl; ls dl
