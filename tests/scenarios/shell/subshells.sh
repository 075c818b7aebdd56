#!/bin/sh
# Subshells isolate variables, cwd and exit; brace groups do not.
x=1; (x=2; echo "inner $x"); echo "outer $x"
{ x=3; }; echo "brace $x"
top=$PWD; mkdir d; (cd d && [ "$PWD" = "$top/d" ] && echo "subshell in d"); [ "$PWD" = "$top" ] && echo "parent still in top"
(exit 4); echo "subshell exit $?"
v=$( (echo a; echo b) | wc -l ); echo "lines $v"
( set -e; false; echo not reached ); echo "set -e in subshell: $?"
(trap 'echo trap in subshell' EXIT; true)
echo $( (echo nested; (echo deeper) ) )
