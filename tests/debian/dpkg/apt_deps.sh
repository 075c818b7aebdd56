# SPDX-License-Identifier: MIT
# apt resolving dependencies between local .debs offline: installing the top package alone fails (its
# dependency is nowhere), naming both installs both with the library marked automatic; apt-mark, apt-get
# check and autoremove then act on that.
apt_opts=(-o Dir::Etc::SourceList=/dev/null -o APT::Sandbox::User=root -o Acquire::Languages=none
          -o APT::Install-Recommends=false -o Dpkg::Use-Pty=false -o quiet=1)
build() {  # build NAME [DEPENDS]
    mkdir -p "$1/DEBIAN" "$1/usr/local/share/$1"
    { echo "Package: $1"; echo "Version: 1.$((${#1} % 7))"; echo "Architecture: all"
      echo "Maintainer: Aramid Tests <tests@example.invalid>"; [ -n "$2" ] && echo "Depends: $2"
      echo "Description: apt dependency test $1"; } > "$1/DEBIAN/control"
    echo "$1" > "$1/usr/local/share/$1/name"
    dpkg-deb --root-owner-group --build "$1" "$1.deb" >/dev/null
}
quiet() { grep -v -e '^Get:' -e 'not empty so not removed' | sed 's/^\(Need to get\|After this operation\).*/\1 .../'; }
export DEBIAN_FRONTEND=noninteractive
build apt-app 'apt-lib (>= 1.0)'
build apt-lib
apt-get "${apt_opts[@]}" install -y ./apt-app.deb 2>&1 | quiet
echo "apt-get install app alone: status ${PIPESTATUS[0]}"
apt-get "${apt_opts[@]}" install -y ./apt-app.deb ./apt-lib.deb 2>&1 | quiet
echo "apt-get install both: status ${PIPESTATUS[0]}"
dpkg-query -W -f='${Package} ${Version} ${Status}\n' apt-app apt-lib
echo "auto: $(apt-mark "${apt_opts[@]}" showauto | tr '\n' ' ')"
echo "manual: $(apt-mark "${apt_opts[@]}" showmanual | tr '\n' ' ')"
apt-mark "${apt_opts[@]}" auto apt-lib
echo "auto: $(apt-mark "${apt_opts[@]}" showauto | tr '\n' ' ')"
apt-get "${apt_opts[@]}" check 2>&1
echo "apt-get check: status $?"
apt-cache "${apt_opts[@]}" depends apt-app
apt-cache "${apt_opts[@]}" rdepends --installed apt-lib
apt-mark "${apt_opts[@]}" hold apt-app
apt-mark "${apt_opts[@]}" showhold
apt-mark "${apt_opts[@]}" unhold apt-app
apt-get "${apt_opts[@]}" remove -y apt-app 2>&1 | quiet
echo "apt-get remove app: status ${PIPESTATUS[0]}"
apt-get "${apt_opts[@]}" autoremove -y 2>&1 | quiet
echo "apt-get autoremove: status ${PIPESTATUS[0]}"
for p in apt-app apt-lib; do dpkg-query -W -f='${Package} ${Status}\n' "$p" 2>&1 || echo "dpkg-query $p: status $?"; done
