#!/bin/sh
# Configuring eth0 through netlink as BusyBox ip does (RTM_NEWROUTE/DELROUTE, RTM_NEWLINK,
# RTM_DELADDR/NEWADDR): the default route deleted and added back, the link taken down (which drops
# its routes) and up again, the address removed and added back; the table after each step and a
# fetch through the result.
ip route del default && echo "default deleted"
route -n | grep -c UG
ip route add default via 10.0.2.2 && echo "default added"
route -n | grep UG
ip route add default via 10.0.2.2 2>&1; echo "again: status $?"
ip link set eth0 down && echo "down"
ifconfig eth0 | grep -c "UP BROADCAST"
route -n | grep -v "^Kernel"
ip addr del 10.0.2.15/24 dev eth0 && echo "address deleted"
ip -4 -o addr show eth0 | grep -c inet
ip addr add 10.0.2.15/24 broadcast 10.0.2.255 dev eth0 && echo "address added"
ip link set eth0 up && echo "up"
ip route add default via 10.0.2.2 && echo "default added"
route -n | grep -v "^Kernel"
n=0
while ! ifconfig eth0 | grep -q RUNNING && [ $n -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
wget -q -O - http://10.0.2.100/small.txt
