#!/bin/sh
# Shell functions: arguments, return status, local variables, recursion.
greet() { echo "hello $1 ($# args)"; }
greet world; greet a b c
ret() { return $1; }
ret 7; echo "returned $?"
counter=0
bump() { counter=$((counter + 1)); }
bump; bump; bump; echo "counter $counter"
scope() { local x=inner; echo "in: $x"; }
x=outer; scope; echo "out: $x"
fib() { if [ $1 -le 1 ]; then echo $1; else echo $(( $(fib $(($1 - 1))) + $(fib $(($1 - 2))) )); fi; }
fib 10
args() { for a in "$@"; do printf '[%s]' "$a"; done; echo; }
args 'with space' "" last
shifty() { shift 2; echo "$@"; }
shifty 1 2 3 4
