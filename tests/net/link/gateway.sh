#!/bin/sh
# The default route: with eth0 on 10.0.2.0/28 the host's server at 10.0.2.100 is off-link, so the
# frames go to the gateway 10.0.2.2 (found by ARP); without the default route it is unreachable.
# Changing the mask takes the device's routes away, as on Linux (the address is deleted and re-added).
ifconfig eth0 netmask 255.255.255.240 && echo "mask /28"
route -n | grep -v "^Kernel"
ifconfig eth0 | grep -o "Bcast:[^ ]*  *Mask:[^ ]*"
wget -q -O - http://10.0.2.100/small.txt 2>&1; echo "without a route: status $?"
route add default gw 10.0.2.2 && echo "default added"
wget -q -O - http://10.0.2.100/small.txt
route del default && echo "default deleted"
wget -q -O - http://10.0.2.100/small.txt 2>&1; echo "without a route: status $?"
ifconfig eth0 netmask 255.255.255.0
route add default gw 10.0.2.2
route -n | grep -v "^Kernel"
