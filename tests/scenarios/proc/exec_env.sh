#!/bin/sh
# exec replaces the process; environment passes to children; env -i clears it; cd in children.
sh -c 'exec echo replaced; echo not reached'
FOO=bar sh -c 'echo "FOO=$FOO"'
export BAZ=qux; sh -c 'echo "BAZ=$BAZ"'
env -i A=1 B=2 /usr/bin/env | sort
env -u BAZ sh -c 'echo "BAZ=[${BAZ}]"'
sh -c 'echo $0 $1 $2' name x y
sh -c 'ppid_ok=$PPID; [ "$ppid_ok" = "'$$'" ] && echo "PPID matches parent"'
mkdir d; sh -c 'cd d && pwd' | sed 's|.*/||'
