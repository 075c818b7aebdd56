#!/bin/sh
# Exit statuses: true/false, explicit exit, not found, not executable, signals, negation.
true; echo $?; false; echo $?
sh -c 'exit 42'; echo $?
sh -c 'exit 256'; echo $?
nonexistent_command_xyz 2>/dev/null; echo $?
printf 'echo hi\n' > script; ./script 2>/dev/null; echo $?
chmod +x script; ./script; echo $?
! true; echo $?
! false; echo $?
sh -c 'kill -TERM $$'; echo $?
sh -c 'kill -KILL $$'; echo $?
(exit 200); echo $?
if sh -c 'exit 1'; then echo yes; else echo "else branch $?"; fi
