# SPDX-License-Identifier: MIT
# Upgrading a package in place: the maintainer scripts of both versions run with the upgrade arguments, a
# file dropped by the new version disappears, a locally changed conffile is kept (--force-confold) with
# the new one beside it, dpkg --verify reports the changed file, and the version in the status file moves.
set -e
build() {  # build VERSION CONF FILES...
    local v=$1 conf=$2 d=pkg-$1; shift 2
    mkdir -p "$d/DEBIAN" "$d/usr/local/share/upgrade-me" "$d/etc"
    printf 'Package: upgrade-me\nVersion: %s\nArchitecture: all\nMaintainer: Aramid Tests <tests@example.invalid>\nDescription: upgrade test\n' "$v" > "$d/DEBIAN/control"
    echo /etc/upgrade-me.conf > "$d/DEBIAN/conffiles"
    for s in preinst postinst prerm postrm; do
        printf '#!/bin/sh\necho "%s %s: $*"\n' "$v" "$s" > "$d/DEBIAN/$s"
        chmod 755 "$d/DEBIAN/$s"
    done
    echo "$conf" > "$d/etc/upgrade-me.conf"
    for f in "$@"; do echo "$f of $v" > "$d/usr/local/share/upgrade-me/$f"; done
    dpkg-deb --root-owner-group --build "$d" "upgrade-me_$v.deb" >/dev/null
}
build 1.0 'mode=old' common only-in-1
build 2.0 'mode=new' common only-in-2
dpkg -i upgrade-me_1.0.deb 2>&1
ls /usr/local/share/upgrade-me
echo 'mode=local' > /etc/upgrade-me.conf
dpkg --verify upgrade-me || echo "dpkg --verify: status $?"
dpkg --force-confold -i upgrade-me_2.0.deb 2>&1
echo "upgrade: status $?"
ls /usr/local/share/upgrade-me
cat /usr/local/share/upgrade-me/common /etc/upgrade-me.conf /etc/upgrade-me.conf.dpkg-dist
dpkg-query -W -f='${Package} ${Version} ${Status}\n' upgrade-me
grep -A4 '^Package: upgrade-me$' /var/lib/dpkg/status | grep -E '^(Version|Status):'
cat /var/lib/dpkg/info/upgrade-me.list
dpkg --force-confold -i upgrade-me_1.0.deb 2>&1 | grep -i -e downgrad -e 'postinst'
echo "downgrade: status ${PIPESTATUS[0]}"
dpkg-query -W -f='${Version}\n' upgrade-me
dpkg -P upgrade-me 2>&1 | grep -v 'not empty so not removed'
rm -f /etc/upgrade-me.conf.dpkg-dist
ls /etc/upgrade-me.conf* /usr/local/share/upgrade-me 2>&1 | sed 's/^ls: //'
