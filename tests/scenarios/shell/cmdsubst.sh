#!/bin/sh
# Command substitution: both syntaxes, nesting, trailing newlines, exit status, word splitting.
a=$(echo hello); b=`echo world`; echo "$a $b"
echo "$(echo "$(echo "$(echo deep)")")"
t=$(printf 'x\n\n\n'); echo "[$t]"
v=$(exit 3); echo "status $?"
set -- $(echo one two three); echo "$# words, second $2"
n=$(seq 1 1000 | wc -l); echo "count $n"
big=$(seq 1 20000); echo "${#big} chars"
echo "$(cat <<X
heredoc in substitution
X
)"
echo "sum $(( $(echo 20) + $(echo 22) ))"
