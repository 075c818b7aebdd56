// SPDX-License-Identifier: MIT
// Network devices (linux: struct net_device): a name, an index, flags, an MTU, addresses and a
// transmit function. Only the loopback device "lo" exists yet; it comes up DOWN, as on Linux,
// until SIOCSIFFLAGS sets IFF_UP (which also gives it 127.0.0.1/8 and ::1, as Linux's
// inetdev/addrconf do for loopback).
#pragma once

#include "net/inet/packet.h"
#include "lib/result.h"

struct NetDevice {
    const char* name;
    int index;
    u32 flags;   // IFF_*
    u32 mtu;
    bool has_v4 = false;
    u32 v4_addr = 0, v4_mask = 0;   // host order
    bool has_v6 = false;
    wire::Addr v6_addr;
    // Hands a complete IP datagram to the device (it owns p afterwards). Under inet_lock().
    void (*xmit)(NetDevice& dev, Packet* p);
    u64 rx_packets = 0, rx_bytes = 0, tx_packets = 0, tx_bytes = 0;
};

NetDevice& loopback_dev();
bool netdev_is_up(const NetDevice& d);
// Sets the flags user space may change (IFF_UP...), as SIOCSIFFLAGS.
void netdev_set_flags(NetDevice& d, u32 flags);
// The SIOCGIF*/SIOCSIF* interface requests, on any socket (linux: dev_ioctl). ENOTTY when cmd is
// not one of them.
bool netdev_ioctl_cmd(unsigned cmd);
Result<long> netdev_ioctl(unsigned cmd, uptr arg);
