# SPDX-License-Identifier: MIT
# apt with a local file: repository made in the guest (a flat Packages index written from dpkg-deb's
# fields, compressed with xz): apt-get update reads it through the file and store methods, apt-cache
# search/show/policy see the candidates, apt-get install picks the newest version and its dependency,
# a downgrade and purge work, and nothing ever goes to the network. The acquire methods run in apt's
# seccomp sandbox (a filter that traps every system call apt did not list). SOURCE_DATE_EPOCH makes the
# .debs, and so the index, the same bytes on every run.
set -e
export SOURCE_DATE_EPOCH=1000000000
mkdir -p repo
build() {  # build NAME VERSION [DEPENDS]
    local d=src-$1-$2
    mkdir -p "$d/DEBIAN" "$d/usr/local/share/$1"
    { echo "Package: $1"; echo "Version: $2"; echo "Architecture: all"
      echo "Maintainer: Aramid Tests <tests@example.invalid>"; [ -n "$3" ] && echo "Depends: $3"
      echo "Description: local repository package $1"; } > "$d/DEBIAN/control"
    echo "$1 $2" > "$d/usr/local/share/$1/version"
    dpkg-deb --root-owner-group --build "$d" "repo/${1}_${2}_all.deb" >/dev/null
}
build repo-tool 1.0 repo-data
build repo-tool 1.1 'repo-data (>= 3)'
build repo-data 3.0
for deb in repo/*.deb; do
    dpkg-deb -f "$deb"
    echo "Filename: ./${deb#repo/}"
    echo "Size: $(stat -c %s "$deb")"
    echo "SHA256: $(sha256sum "$deb" | cut -d' ' -f1)"
    echo
done > repo/Packages
xz repo/Packages  # only the compressed index: the store method decompresses it
echo "deb [trusted=yes] file:$PWD/repo ./" > sources.list
opts=(-o Dir::Etc::SourceList=$PWD/sources.list -o Dir::Etc::SourceParts=$PWD/repo -o APT::Sandbox::User=root
      -o APT::Sandbox::Seccomp=true -o Acquire::Languages=none -o Dpkg::Use-Pty=false -o quiet=1)
export DEBIAN_FRONTEND=noninteractive
apt-get "${opts[@]}" update 2>&1 | sed "s|$PWD|REPO|g"
echo "apt-get update: status ${PIPESTATUS[0]}"
ls /var/lib/apt/lists | sed 's/.*_repo_\._/REPO_/' | sort
apt-cache "${opts[@]}" search 'local repository' | sort
apt-cache "${opts[@]}" policy repo-tool | sed "s|$PWD|REPO|g"
apt-cache "${opts[@]}" show repo-tool=1.0 | grep -E '^(Package|Version|Depends|Filename|Size):'
apt-get "${opts[@]}" install -y repo-tool 2>&1 | grep -v '^Get:' | sed 's/^\(Need to get\|After this operation\).*/\1 .../'
echo "apt-get install: status ${PIPESTATUS[0]}"
cat /usr/local/share/repo-tool/version /usr/local/share/repo-data/version
ls /var/cache/apt/archives | sort
apt-get "${opts[@]}" install -y --allow-downgrades repo-tool=1.0 2>&1 | grep -E '^(Inst|The following|  |Unpacking|Setting up)'
echo "apt-get downgrade: status ${PIPESTATUS[0]}"
dpkg-query -W -f='${Package} ${Version} ${Status}\n' repo-tool repo-data
apt-get "${opts[@]}" purge -y --autoremove repo-tool 2>&1 | grep -E '^(The following|  |Removing|Purging)'
echo "apt-get purge --autoremove: status ${PIPESTATUS[0]}"
apt-get "${opts[@]}" clean
rm -rf /var/lib/apt/lists/*_*
ls /var/lib/apt/lists /var/cache/apt/archives
dpkg-query -W repo-tool repo-data 2>&1 || true
