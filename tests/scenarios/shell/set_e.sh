#!/bin/sh
# set -e stops at the first failing simple command, except in conditions and && lists; set -u.
sh -c 'set -e; echo one; false; echo two'; echo "status $?"
sh -c 'set -e; if false; then :; fi; false || true; ! true; echo survived conditions'
sh -c 'set -e; false && true; echo and-list is fine'
sh -c 'set -e; f() { false; echo in f; }; f; echo after f'; echo "status $?"
sh -c 'set -u; echo ${undefined_var}; echo not reached' 2>&1 | sed 's/^sh: line [0-9]*: /sh: /'
sh -c 'set -e; x=$(false); echo not reached'; echo "status $?"
sh -c 'set -o pipefail; false | true; echo pipefail $?'
