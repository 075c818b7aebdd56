# SPDX-License-Identifier: MIT
# A package whose dependency is missing: dpkg -i unpacks it but fails to configure it (exit 1, state
# "unpacked", dpkg -C lists it); installing the dependency and `dpkg --configure -a` finishes the job;
# removing the dependency first is refused while the dependent is installed.
set -e
build() {  # build NAME VERSION [DEPENDS]
    mkdir -p "$1/DEBIAN" "$1/usr/local/share/$1"
    {
        echo "Package: $1"; echo "Version: $2"; echo "Architecture: all"
        echo "Maintainer: Aramid Tests <tests@example.invalid>"
        [ -n "$3" ] && echo "Depends: $3"
        echo "Description: dependency test $1"
    } > "$1/DEBIAN/control"
    printf '#!/bin/sh\necho "%s postinst: $1"\n' "$1" > "$1/DEBIAN/postinst"
    chmod 755 "$1/DEBIAN/postinst"
    echo "$1 $2" > "$1/usr/local/share/$1/version"
    dpkg-deb --root-owner-group -Zxz --build "$1" "$1.deb" >/dev/null
}
build dep-top 1.0 'dep-base (>= 2.0)'
build dep-base 2.1
set +e
dpkg -i dep-top.deb 2>&1
echo "dpkg -i dep-top: status $?"
set -e
dpkg-query -W -f='${Package} ${Status}\n' dep-top
cat /usr/local/share/dep-top/version
dpkg -C 2>&1 | grep -v '^$' | sed 's/ *$//'
if dpkg --configure dep-top 2>&1; then echo "configured without dep-base"; else echo "dpkg --configure: status $?"; fi
dpkg --unpack dep-base.deb 2>&1
echo "dpkg --unpack dep-base: status $?"
dpkg-query -W -f='${Package} ${Status}\n' dep-base dep-top
dpkg --configure -a 2>&1
echo "dpkg --configure -a: status $?"
dpkg-query -W -f='${Package} ${Version} ${Status}\n' dep-base dep-top
if dpkg -r dep-base 2>&1; then echo "dep-base removed under dep-top"; else echo "dpkg -r dep-base: status $?"; fi
dpkg -P dep-top dep-base 2>&1
echo "dpkg -P: status $?"
for p in dep-top dep-base; do
    dpkg-query -W "$p" >/dev/null 2>&1 && echo "$p still known" || echo "$p gone"
    [ -e "/usr/local/share/$p" ] && echo "/usr/local/share/$p kept" || echo "/usr/local/share/$p removed"
done
