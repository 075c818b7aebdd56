#!/bin/sh
# eth0 through netlink (BusyBox ip: RTM_GETLINK, RTM_GETADDR and RTM_GETROUTE dumps): its index, flags, MTU,
# hardware and broadcast addresses, its IPv4 address with prefix, broadcast and scope, and the routes.
ip -o link show eth0 | grep -o "^[0-9]*: eth0: <[A-Z_,]*> mtu [0-9]*"
ip -o link show eth0 | grep -o "link/ether [0-9a-f:]* brd [0-9a-f:]*"
ip -o -4 addr show eth0 | grep -o "inet [0-9./]* brd [0-9.]* scope [a-z]* eth0"
ip -o link | grep -o "^[0-9]*: [a-z0-9]*" | sort
ip route
ip route show dev eth0 | grep -c .
