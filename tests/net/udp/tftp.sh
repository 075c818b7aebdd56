#!/bin/sh
# UDP over eth0: a TFTP download of 200000 bytes from slirp's server at the gateway, checked by
# SHA-256, and a missing file.
tftp -g -r udp.bin -l udp.bin 10.0.2.2; echo "tftp: status $?"
wc -c < udp.bin
sha256sum < udp.bin
tftp -g -r nosuch -l nosuch 10.0.2.2 2>&1; echo "missing: status $?"
