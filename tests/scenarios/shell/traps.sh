#!/bin/sh
# trap: EXIT handlers, signals sent to self, ignoring, resetting, traps in subshells.
sh -c 'trap "echo exit handler ran" EXIT; echo body; exit 3'; echo "status $?"
sh -c 'trap "echo got USR1" USR1; kill -USR1 $$; echo after'
sh -c 'trap "echo got TERM; exit 5" TERM; kill -TERM $$; echo not reached'; echo "status $?"
sh -c 'trap "" INT; kill -INT $$; echo survived ignored INT'
sh -c 'trap "echo never" HUP; trap - HUP; kill -HUP $$; echo not reached'; echo "status $?"
sh -c 'trap "echo sub exit" EXIT; (echo in subshell); echo parent'
sh -c 'kill -9 $$'; echo "killed status $?"
