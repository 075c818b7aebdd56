# SPDX-License-Identifier: MIT
# apt offline: install a .deb from a local file (no sources, empty lists, nothing fetched), ask apt-cache
# about it, remove it with apt-get (no conffiles: dpkg forgets it). Every command names the options that keep it offline.
set -e
apt_opts=(-o Dir::Etc::SourceList=/dev/null
          -o APT::Sandbox::User=root -o Acquire::Languages=none -o APT::Install-Recommends=false
          -o Dpkg::Use-Pty=false -o quiet=1)
mkdir -p pkg/DEBIAN pkg/usr/local/share/apt-local
cat > pkg/DEBIAN/control <<'CTL'
Package: apt-local
Version: 0.9-2
Architecture: all
Maintainer: Aramid Tests <tests@example.invalid>
Section: misc
Priority: optional
Description: installed by apt from a local file
 No network involved.
CTL
printf '#!/bin/sh\necho "apt-local postinst: $1"\n' > pkg/DEBIAN/postinst
chmod 755 pkg/DEBIAN/postinst
echo 'installed by apt' > pkg/usr/local/share/apt-local/note
dpkg-deb --root-owner-group --build pkg apt-local.deb >/dev/null
export DEBIAN_FRONTEND=noninteractive
apt-get "${apt_opts[@]}" install -y ./apt-local.deb 2>&1 | grep -v '^Get:' | sed 's/^\(Fetched\|Need to get\|After this operation\).*/\1 .../'
echo "apt-get install: status ${PIPESTATUS[0]}"
cat /usr/local/share/apt-local/note
dpkg-query -W -f='${Package} ${Version} ${Status}\n' apt-local
apt-cache "${apt_opts[@]}" show apt-local | grep -E '^(Package|Version|Architecture|Maintainer|Status|Priority|Section):'
apt-cache "${apt_opts[@]}" policy apt-local
apt-mark "${apt_opts[@]}" showmanual | grep -x apt-local || echo "apt-local not manual"
apt-get "${apt_opts[@]}" remove -y apt-local 2>&1 | sed 's/^\(After this operation\).*/\1 .../'
echo "apt-get remove: status ${PIPESTATUS[0]}"
[ -e /usr/local/share/apt-local/note ] && echo "note kept" || echo "note removed"
dpkg-query -W apt-local >/dev/null 2>&1 && echo "apt-local still known" || echo "apt-local gone"
