#!/bin/sh
# The neighbour cache after talking to the host's server and the TFTP server at the gateway: both
# resolved to slirp's MAC (/proc/net/arp, as BusyBox arp reads it).
wget -q -O /dev/null http://10.0.2.100/small.txt && echo "fetched"
tftp -g -r small.txt -l small.txt 10.0.2.2 && echo "tftp"
head -1 /proc/net/arp
grep -E "^10\\.0\\.2\\.(2|100) " /proc/net/arp | sort
arp -n | grep -E "\\(10\\.0\\.2\\.(2|100)\\)" | sort
