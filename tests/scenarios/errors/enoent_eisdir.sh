#!/bin/sh
# Messages and statuses for missing files, directories used as files, and files used as directories.
cat missing; echo "status $?"
mkdir d; cat d; echo "status $?"
echo x > f; cat f/child; echo "status $?"
cd f; echo "status $?"
ls missing/deeper; echo "status $?"
rm missing; echo "status $?"
rm d; echo "status $?"
rmdir f; echo "status $?"
echo x > d; echo "status $?"
