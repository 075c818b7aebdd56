#!/bin/sh
# Running things that cannot run: missing commands, no execute permission, bad interpreters, directories.
no_such_cmd; echo "status $?"
./missing; echo "status $?"
printf 'echo hi\n' > noexec; ./noexec; echo "status $?"
printf '#!/nonexistent/interp\necho hi\n' > badinterp; chmod +x badinterp; ./badinterp; echo "status $?"
mkdir dir; ./dir; echo "status $?"
printf '\177ELF garbage' > fakeelf; chmod +x fakeelf; ./fakeelf 2>/dev/null; echo "status $? (fake ELF)"
printf '#!/bin/sh\necho script ran with $# args: $*\n' > good; chmod +x good; ./good 1 2
printf '#!/bin/sh -e\nfalse\necho no\n' > opt; chmod +x opt; ./opt; echo "status $?"
