# SPDX-License-Identifier: MIT
# dpkg's administration tools on an installed package: dpkg-divert moves a packaged file aside,
# dpkg-statoverride changes a file's mode on install, update-alternatives manages a symlink group, dpkg -S
# finds the owner of a path; everything is undone at the end.
set -e
mkdir -p pkg/DEBIAN pkg/usr/local/bin
printf 'Package: admin-tools-test\nVersion: 1\nArchitecture: all\nMaintainer: Aramid Tests <tests@example.invalid>\nDescription: admin tools test\n' > pkg/DEBIAN/control
printf '#!/bin/sh\necho packaged tool\n' > pkg/usr/local/bin/att-tool
printf '#!/bin/sh\necho other tool\n' > pkg/usr/local/bin/att-other
chmod 755 pkg/usr/local/bin/att-tool pkg/usr/local/bin/att-other
dpkg-deb --root-owner-group --build pkg att.deb >/dev/null
dpkg-divert --add --rename --divert /usr/local/bin/att-tool.distrib /usr/local/bin/att-tool
dpkg-statoverride --add root root 0700 /usr/local/bin/att-other
dpkg -i att.deb >/dev/null 2>&1
ls /usr/local/bin | grep att
/usr/local/bin/att-tool.distrib
stat -c '%n %a' /usr/local/bin/att-other
dpkg-divert --list '*att-tool*'
dpkg-statoverride --list /usr/local/bin/att-other
dpkg -S /usr/local/bin/att-other
dpkg -S /usr/local/bin/att-tool || echo "dpkg -S att-tool: status $?"
update-alternatives --install /usr/local/bin/att att /usr/local/bin/att-tool.distrib 10 2>&1
update-alternatives --install /usr/local/bin/att att /usr/local/bin/att-other 20 2>&1
readlink /usr/local/bin/att /etc/alternatives/att
att
update-alternatives --query att
update-alternatives --set att /usr/local/bin/att-tool.distrib 2>&1
att
update-alternatives --remove-all att 2>&1 || true
[ -e /usr/local/bin/att ] && echo "att link kept" || echo "att link removed"
dpkg -r admin-tools-test 2>&1 | grep -v 'not empty so not removed'
dpkg-divert --rename --remove /usr/local/bin/att-tool
dpkg-statoverride --remove /usr/local/bin/att-other
dpkg -P admin-tools-test >/dev/null 2>&1 || true
find /usr/local -name 'att*' | wc -l
dpkg-divert --list '*att-tool*' | wc -l
