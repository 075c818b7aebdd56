# SPDX-License-Identifier: MIT
# dpkg-deb builds a package from a directory tree (DEBIAN/control, maintainer scripts, a data file), then
# reads it back: -I (control summary), -c (contents, times cut), -f (fields), -x/-e (extraction). With
# SOURCE_DATE_EPOCH and fixed mtimes the .deb is reproducible, so its checksum is the same on every kernel.
set -e
export SOURCE_DATE_EPOCH=1000000000
mkdir -p pkg/DEBIAN pkg/usr/local/share/hello-aramid
cat > pkg/DEBIAN/control <<'CTL'
Package: hello-aramid
Version: 1.0-1
Architecture: all
Maintainer: Aramid Tests <tests@example.invalid>
Section: misc
Priority: optional
Description: a tiny package built in the guest
 It ships one text file and two maintainer scripts.
CTL
printf '#!/bin/sh\necho "postinst called: $1"\n' > pkg/DEBIAN/postinst
printf '#!/bin/sh\necho "prerm called: $1"\n' > pkg/DEBIAN/prerm
chmod 755 pkg/DEBIAN/postinst pkg/DEBIAN/prerm
seq 1 100 > pkg/usr/local/share/hello-aramid/numbers.txt
echo 'hello from a .deb' > pkg/usr/local/share/hello-aramid/README
find pkg -exec touch -h -d @1000000000 {} +
dpkg-deb --root-owner-group --build pkg hello.deb
echo "dpkg-deb --build: status $?"
sha256sum hello.deb
dpkg-deb -I hello.deb | sed 's/size [0-9]* bytes/size N bytes/'
dpkg-deb -c hello.deb | awk '{ print $1, $2, $3, $6 }'
dpkg-deb -f hello.deb Package Version Architecture
dpkg-deb --show --showformat='${Package} ${Version} ${Installed-Size}\n' hello.deb
mkdir x e
dpkg-deb -x hello.deb x
dpkg-deb -e hello.deb e
find x e | sort
cmp x/usr/local/share/hello-aramid/numbers.txt pkg/usr/local/share/hello-aramid/numbers.txt && echo "data matches"
cmp e/postinst pkg/DEBIAN/postinst && echo "postinst matches"
stat -c '%n %a' e/postinst e/control
rm -rf pkg/DEBIAN/control
if dpkg-deb --build pkg broken.deb 2>err.txt; then echo "built without control"; else echo "dpkg-deb without control: status $?"; fi
cat err.txt
[ ! -e broken.deb ] && echo "no broken.deb left"
