// SPDX-License-Identifier: MIT
// Network devices (linux: struct net_device): a name, an index, flags, an MTU, addresses and a
// transmit function. The loopback device "lo" always exists and comes up DOWN, as on Linux,
// until SIOCSIFFLAGS sets IFF_UP (which also gives it 127.0.0.1/8 and ::1, as Linux's
// inetdev/addrconf do for loopback). Ethernet devices (virtio-net: eth0...) register at probe
// time; user space gives them addresses and routes (ifconfig, route, ip).
#pragma once

#include "net/inet/packet.h"
#include "lib/result.h"

constexpr u16 kArphrdEther = 1;       // ARPHRD_ETHER
constexpr u16 kArphrdLoopback = 772;  // ARPHRD_LOOPBACK

struct NetDevice {
    const char* name;
    int index;
    u32 flags;   // IFF_*
    u32 mtu;
    bool has_v4 = false;
    u32 v4_addr = 0, v4_mask = 0;   // host order
    bool has_v6 = false;
    wire::Addr v6_addr;
    // Loopback: a complete IP datagram; Ethernet: a complete frame. The device owns p afterwards.
    // Under inet_lock().
    void (*xmit)(NetDevice& dev, Packet* p);
    u64 rx_packets = 0, rx_bytes = 0, tx_packets = 0, tx_bytes = 0;
    u64 rx_dropped = 0, tx_dropped = 0;
    u16 hw_type = kArphrdLoopback;
    u8 hw_addr[6] = {};
    u32 v4_broadcast = 0;   // host order
    // Ethernet: takes the frames the device received and hands each to eth_input(). Run by the
    // network thread under inet_lock() after the device called netdev_rx_kick().
    void (*poll)(NetDevice& dev) = nullptr;
    void* driver = nullptr;
};

NetDevice& loopback_dev();
// Adds an Ethernet device (index, the name it was given). At most kMaxNetDevices in all.
constexpr usize kMaxNetDevices = 4;
Result<void> netdev_register(NetDevice& d);
usize netdev_count();
NetDevice* netdev_at(usize i);   // in index order; lo first
NetDevice* netdev_by_index(int index);
NetDevice* netdev_by_name(const char* name, usize max_len);
bool netdev_is_up(const NetDevice& d);
// Sets the flags user space may change (IFF_UP...), as SIOCSIFFLAGS.
void netdev_set_flags(NetDevice& d, u32 flags);
// The SIOCGIF*/SIOCSIF* interface requests and SIOCADDRT/SIOCDELRT, on any socket (linux:
// dev_ioctl, ip_rt_ioctl). False when cmd is not one of them.
bool netdev_ioctl_cmd(unsigned cmd);
Result<long> netdev_ioctl(unsigned cmd, uptr arg);

// Interrupt context: a device has received frames (or finished sending); the network thread
// polls it soon.
void netdev_rx_kick();
// Starts the network thread (netdev_register does, for the first Ethernet device).
void netdev_start_thread();
