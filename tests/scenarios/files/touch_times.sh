#!/bin/sh
# touch creates files and sets explicit times (utimensat); -c does not create; -r copies times.
touch new; [ -f new ] && echo "created, size $(stat -c %s new)"
touch -c none; [ -e none ] || echo "-c did not create"
touch -d '2001-02-03 04:05:06' new
stat -c '%Y' new
date -u -d @$(stat -c %Y new) '+%Y-%m-%d %H:%M:%S'
touch -t 199912312359.59 other
stat -c '%Y' other
touch -r new copy; stat -c '%Y' copy
mkdir d; touch -d '2010-01-01 00:00:00' d; stat -c '%Y %F' d
