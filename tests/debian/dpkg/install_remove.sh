# SPDX-License-Identifier: MIT
# dpkg -i of a package built in the guest: its files appear, its postinst runs, dpkg -l/-s/-L and the
# status file know it; dpkg -r runs prerm and removes the files but keeps the conffile, -P purges it.
set -e
mkdir -p pkg/DEBIAN pkg/usr/local/share/dpkg-life pkg/etc/dpkg-life
cat > pkg/DEBIAN/control <<'CTL'
Package: dpkg-life
Version: 2.3-1
Architecture: all
Maintainer: Aramid Tests <tests@example.invalid>
Description: install, remove and purge
 A package for the whole life cycle.
CTL
echo /etc/dpkg-life/life.conf > pkg/DEBIAN/conffiles
printf '#!/bin/sh\necho "postinst: $*"\necho configured > /usr/local/share/dpkg-life/state\n' > pkg/DEBIAN/postinst
printf '#!/bin/sh\necho "prerm: $*"\nrm -f /usr/local/share/dpkg-life/state\n' > pkg/DEBIAN/prerm
printf '#!/bin/sh\necho "postrm: $*"\n' > pkg/DEBIAN/postrm
chmod 755 pkg/DEBIAN/postinst pkg/DEBIAN/prerm pkg/DEBIAN/postrm
echo 'data' > pkg/usr/local/share/dpkg-life/data.txt
echo 'setting=1' > pkg/etc/dpkg-life/life.conf
dpkg-deb --root-owner-group -Zgzip --build pkg life.deb >/dev/null
cp /var/lib/dpkg/status status.before
dpkg -i life.deb 2>&1
echo "dpkg -i: status $?"
cat /usr/local/share/dpkg-life/data.txt /usr/local/share/dpkg-life/state /etc/dpkg-life/life.conf
dpkg -l dpkg-life | tail -n 1 | awk '{ print $1, $2, $3, $4 }'
dpkg -s dpkg-life
dpkg -L dpkg-life
dpkg-query -W -f='${Package} ${Version} ${Status}\n' dpkg-life
ls /var/lib/dpkg/info/ | grep '^dpkg-life\.' | sort
cmp -s status.before /var/lib/dpkg/status || echo "status file changed"
grep -A2 '^Package: dpkg-life$' /var/lib/dpkg/status
dpkg -r dpkg-life 2>&1
echo "dpkg -r: status $?"
for f in /usr/local/share/dpkg-life/data.txt /usr/local/share/dpkg-life/state /etc/dpkg-life/life.conf; do
    [ -e "$f" ] && echo "$f kept" || echo "$f gone"
done
dpkg-query -W -f='${Package} ${Status}\n' dpkg-life
dpkg -P dpkg-life 2>&1
echo "dpkg -P: status $?"
[ -e /etc/dpkg-life/life.conf ] && echo "conffile kept" || echo "conffile purged"
[ -d /usr/local/share/dpkg-life ] && echo "directory kept" || echo "directory gone"
ls /var/lib/dpkg/info/ | grep -c '^dpkg-life\.' || true
if dpkg -s dpkg-life >/dev/null 2>err.txt; then echo "still known"; else echo "dpkg -s after purge: status $?"; fi
cat err.txt
grep -c '^Package: dpkg-life$' /var/lib/dpkg/status || true
