#!/bin/sh
# Checksum files: -c verifies, detects a modified file and reports the failure status.
for i in 1 2 3; do seq 1 $((i * 1000)) > f$i; done
md5sum f1 f2 f3 > sums.md5
sha256sum f1 f2 f3 > sums.sha
md5sum -c sums.md5
sha256sum -c sums.sha
echo tamper >> f2
md5sum -c sums.md5 2>&1; echo "status $?"
sha256sum -c -s sums.sha; echo "quiet status $?"
