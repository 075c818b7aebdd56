#!/bin/sh
# eth0 as rc.test.conf configured it (ifconfig and route ioctls): the MAC QEMU gave the NIC, the
# address, broadcast and mask, the flags and MTU, and the routing table.
ifconfig eth0 | grep -o "HWaddr [0-9A-F:]*"
ifconfig eth0 | grep -o "inet addr:[^ ]*  *Bcast:[^ ]*  *Mask:[^ ]*"
ifconfig eth0 | grep -o "UP BROADCAST RUNNING MULTICAST  MTU:[0-9]*"
route -n
