#!/bin/sh
# The environment init hands over, and the shell's own variables.
echo "PATH=$PATH"
echo "HOME=$HOME"
case $PWD in /tmp/?*) echo "running in a scratch directory under /tmp";; *) echo "unexpected cwd $PWD";; esac
env | grep '^PATH='
env | grep -c '^TERM=linux$'
echo "${0##*/}"
type cd | head -1
type ls | sed 's/ is .*/ is a command/'
command -v sed
