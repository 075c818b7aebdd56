#!/bin/sh
# Creating what exists, removing what is not empty, renaming a directory into itself.
mkdir d; mkdir d; echo "status $?"
touch d/f; rmdir d; echo "status $?"
ln -s x l; ln -s y l; echo "status $?"
echo a > f; ln f d/f; echo "status $?"
mkdir -p d/sub; mv d d/sub/inner; echo "status $?"
mkfifo d/f; echo "status $?"
mkdir -p a/b; echo file > a/b/c; mv a/b a 2>&1; echo "status $?"
