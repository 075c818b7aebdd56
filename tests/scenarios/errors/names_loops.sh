#!/bin/sh
# Over-long names, symlink loops, cross-device hard links, and invalid arguments.
long=$(printf '%0300d' 0)
touch "$long"; echo "status $?"
mkdir -p "$(printf 'n%.0s' $(seq 1 200))" && echo "200-char name ok"
ln -s a b; ln -s b a; cat a; echo "status $?"
echo data > here; ln here /cross 2>&1; echo "status $?"; rm -f /cross
ln /etc/hostname linked; echo "status $?"
head -n abc here; echo "status $?"
