# SPDX-License-Identifier: MIT
# apt over HTTP: the host serves a flat repository (one .deb the image build fetched with apt-get
# download, its Packages index; tools/scenarios/run makes it) through guestfwd 10.0.2.100:80. apt-get
# update fetches the index with the http method, apt-get install downloads and installs the package,
# and what it installed is checked; then it is purged. No name of a package host is involved.
set -e
echo "deb [trusted=yes] http://10.0.2.100:80/debian ./" > sources.list
opts=(-o Dir::Etc::SourceList=$PWD/sources.list -o Dir::Etc::SourceParts=$PWD -o APT::Sandbox::User=root
      -o Acquire::Languages=none -o Dpkg::Use-Pty=false -o quiet=1)
export DEBIAN_FRONTEND=noninteractive
apt-get "${opts[@]}" update 2>&1 | grep -v '^Fetched '
echo "apt-get update: status ${PIPESTATUS[0]}"
ls /var/lib/apt/lists | grep -v -e '^lock$' -e '^partial$' | sort
apt-cache "${opts[@]}" policy media-types
apt-get "${opts[@]}" install -y media-types 2>&1 | grep -v -e '^Fetched ' -e '^Get:' | sed 's/^\(Need to get\|After this operation\).*/\1 .../'
echo "apt-get install: status ${PIPESTATUS[0]}"
dpkg-query -W -f='${Package} ${Version} ${Status}\n' media-types
ls /var/cache/apt/archives | grep -v -e '^lock$' -e '^partial$'
sha256sum /var/cache/apt/archives/media-types_*.deb | cut -d' ' -f1
grep -c . /etc/mime.types
grep '^text/html' /etc/mime.types
apt-get "${opts[@]}" purge -y media-types 2>&1 | grep -E '^(The following|  |Removing|Purging)'
echo "apt-get purge: status ${PIPESTATUS[0]}"
apt-get "${opts[@]}" clean
rm -rf /var/lib/apt/lists/*_*
dpkg-query -W media-types 2>&1 || true
