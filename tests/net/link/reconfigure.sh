#!/bin/sh
# Changing eth0: a second route, deleting it, errors for a gateway off the subnet and for an
# unknown device, and the table after each step.
route add -net 192.168.7.0 netmask 255.255.255.0 gw 10.0.2.2 && echo "added"
route -n | grep 192.168.7.0
route add -net 192.168.7.0 netmask 255.255.255.0 gw 10.0.2.2 2>&1; echo "again: status $?"
route del -net 192.168.7.0 netmask 255.255.255.0 gw 10.0.2.2 && echo "deleted"
route -n | grep -c 192.168.7.0
route del -net 192.168.7.0 netmask 255.255.255.0 2>&1; echo "delete again: status $?"
route add -net 192.168.8.0 netmask 255.255.255.0 gw 172.16.0.1 2>&1; echo "off-link gateway: status $?"
ifconfig nosuch0 up 2>&1; echo "unknown device: status $?"
ifconfig eth0 mtu 1400 && ifconfig eth0 | grep -o "MTU:[0-9]*"
ifconfig eth0 mtu 1500
