#!/bin/sh
# wget over eth0 and the default route: a small file and 3 MiB of random bytes from the host's
# http.server (guestfwd 10.0.2.100:80), checked by size and SHA-256; then a 404.
wget -q -O - http://10.0.2.100/small.txt
wget -q -O big.bin http://10.0.2.100/big.bin; echo "wget: status $?"
wc -c < big.bin
sha256sum < big.bin
wget -q -O - http://10.0.2.100/big.bin | sha256sum
wget -q -O - http://10.0.2.100/missing 2>&1; echo "missing: status $?"
