#!/bin/sh
# Identity: id, whoami, user and group lookups through /etc/passwd and /etc/group.
id; id -u; id -g; id -un; id -gn
whoami
id user
id -u nobody
grep '^user:' /etc/passwd | cut -d: -f6,7
su -s /bin/sh -c 'id -u; whoami' user 2>&1 || echo "su failed"
