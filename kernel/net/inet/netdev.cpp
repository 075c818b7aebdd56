// SPDX-License-Identifier: MIT
// The device list, the loopback device and the interface ioctls (linux: drivers/net/loopback.c,
// net/core/dev_ioctl.c, net/ipv4/devinet.c devinet_ioctl/inet_gifconf, net/ipv4/fib_frontend.c
// ip_rt_ioctl).
#include "net/inet/netdev.h"

#include "abi/linux/inet_uapi.h"
#include "abi/linux/socket_abi.h"
#include "abi/linux/uapi.h"
#include "core/credentials.h"
#include "core/process.h"
#include "mm/user_ptr.h"
#include "net/inet/arp.h"
#include "net/inet/inet.h"
#include "net/inet/route.h"

namespace {

void lo_xmit(NetDevice& d, Packet* p) {
    d.tx_packets++;
    d.tx_bytes += p->len;
    d.rx_packets++;
    d.rx_bytes += p->len;
    loopback_queue(p);
}

constinit NetDevice g_lo{"lo", 1, kIffLoopback, 65536, false, 0, 0, false, {}, lo_xmit};
NetDevice* g_devs[kMaxNetDevices] = {&g_lo};
usize g_dev_count = 1;

bool name_is(const char* a, const char* name, usize max) {
    usize i = 0;
    for (; i < max && a[i]; i++)
        if (a[i] != name[i]) return false;
    return i < max && name[i] == 0;
}

void put_sockaddr_v4(LinuxIfreq& r, u32 addr) {
    __builtin_memset(&r.u, 0, sizeof(r.u));
    r.u.addr.family = kAfInet;
    wire::put32(r.u.addr.data + 2, addr);
}

usize str_len(const char* s) {
    usize n = 0;
    while (s[n]) n++;
    return n;
}

// linux: inet_make_mask(classful prefix) when an address is set without a mask.
u32 classful_mask(u32 a) {
    if ((a >> 31) == 0) return 0xff000000;
    if ((a >> 30) == 2) return 0xffff0000;
    return 0xffffff00;
}

Result<u32> sockaddr_v4(const u8* sa, int err = EINVAL) {
    u16 f;
    __builtin_memcpy(&f, sa, sizeof(f));
    if (f != kAfInet) return Error(err);
    return wire::get32(sa + 4);
}

Result<long> ifconf(uptr arg) {
    LinuxIfconf c;
    TRY(copy_from_user(&c, arg, sizeof(c)));
    LinuxIfreq rs[kMaxNetDevices]{};
    i32 n = 0;
    {
        SpinlockGuard g(inet_lock());
        for (usize i = 0; i < g_dev_count; i++) {
            NetDevice& d = *g_devs[i];
            if (!netdev_is_up(d) || !d.has_v4) continue;
            __builtin_memcpy(rs[n].name, d.name, str_len(d.name));
            put_sockaddr_v4(rs[n], d.v4_addr);
            n++;
        }
    }
    i32 bytes = n * static_cast<i32>(sizeof(LinuxIfreq));
    if (c.buf) {
        // linux: inet_gifconf() stops when an entry no longer fits
        i32 fit = c.len < bytes ? c.len / static_cast<i32>(sizeof(LinuxIfreq)) : n;
        if (fit < 0) fit = 0;
        bytes = fit * static_cast<i32>(sizeof(LinuxIfreq));
        if (bytes) TRY(copy_to_user(c.buf, rs, static_cast<usize>(bytes)));
    }
    c.len = bytes;
    TRY(copy_to_user(arg, &c.len, sizeof(c.len)));
    return 0;
}

Result<long> route_ioctl(unsigned cmd, uptr arg) {
    if (!capable(CAP_NET_ADMIN)) return Error(EPERM);
    LinuxRtentry rt;
    TRY(copy_from_user(&rt, arg, sizeof(rt)));
    V4Route r;
    r.dst = TRY(sockaddr_v4(rt.dst, EAFNOSUPPORT));
    r.mask = 0xffffffff;
    if (!(rt.flags & kRtfHost)) {
        // linux: rtentry_to_fib_config(): an AF_UNSPEC mask of zero is a default route; the
        // mask must be a prefix and cover every bit of the destination.
        u16 family;
        __builtin_memcpy(&family, rt.genmask, sizeof(family));
        r.mask = wire::get32(rt.genmask + 4);
        if (family != kAfInet && (r.mask || family)) return Error(EAFNOSUPPORT);
        if ((~r.mask & (~r.mask + 1)) || (r.dst & ~r.mask)) return Error(EINVAL);
    }
    if (rt.flags & kRtfGateway) r.gateway = TRY(sockaddr_v4(rt.gateway));
    r.metric = rt.metric > 0 ? static_cast<u32>(rt.metric - 1) : 0;   // "+1 for binary compatibility"
    char name[kIfNameSize] = {};
    if (rt.dev) TRY(copy_from_user(name, rt.dev, sizeof(name) - 1));
    InetLocked g;
    if (name[0]) {
        r.dev = netdev_by_name(name, kIfNameSize);
        if (!r.dev) return Error(ENODEV);
    }
    if (cmd == SIOCADDRT) TRY(route_add(r));
    else TRY(route_del(r, r.dev != nullptr, r.gateway != 0));
    return 0;
}

Result<long> set_ioctl(NetDevice& d, unsigned cmd, const LinuxIfreq& r) {
    if (!capable(CAP_NET_ADMIN)) return Error(EPERM);
    InetLocked g;
    switch (cmd) {
    case SIOCSIFFLAGS: netdev_set_flags(d, static_cast<u16>(r.u.flags)); return 0;
    case SIOCSIFMTU:
        if (r.u.ivalue < 68 || static_cast<u32>(r.u.ivalue) > (d.hw_type == kArphrdEther ? 1500u : 65536u))
            return Error(EINVAL);
        d.mtu = static_cast<u32>(r.u.ivalue);
        return 0;
    default: break;
    }
    if (d.hw_type != kArphrdEther) return Error(EOPNOTSUPP);   // lo's 127.0.0.1 stays as it is
    u32 a = TRY(sockaddr_v4(reinterpret_cast<const u8*>(&r.u.addr)));
    switch (cmd) {
    case SIOCSIFADDR:
        if (!d.has_v4 || d.v4_addr != a) {
            if (!d.has_v4) d.v4_mask = classful_mask(a);
            d.v4_addr = a;
            d.has_v4 = true;
            d.v4_broadcast = a | ~d.v4_mask;
            route_flush_dev(d);
            arp_flush(d);
        }
        return 0;
    case SIOCSIFNETMASK:
        if (!d.has_v4) return Error(EADDRNOTAVAIL);
        if (~a & (~a + 1)) return Error(EINVAL);   // not a contiguous prefix
        if (a != d.v4_mask) {
            // linux: the address is deleted and inserted again, which takes the device's routes
            // with it; a broadcast that followed the old mask follows the new one.
            if (d.v4_broadcast == (d.v4_addr | ~d.v4_mask) && __builtin_popcount(a) < 31)
                d.v4_broadcast = d.v4_addr | ~a;
            d.v4_mask = a;
            route_flush_dev(d);
        }
        return 0;
    case SIOCSIFBRDADDR:
        if (!d.has_v4) return Error(EADDRNOTAVAIL);
        d.v4_broadcast = a;
        return 0;
    }
    return Error(EINVAL);
}

}  // namespace

NetDevice& loopback_dev() { return g_lo; }

Result<void> netdev_register(NetDevice& d) {
    {
        SpinlockGuard g(inet_lock());
        if (g_dev_count == kMaxNetDevices) return Error(ENOSPC);
        d.index = static_cast<int>(g_dev_count) + 1;
        g_devs[g_dev_count++] = &d;
    }
    netdev_start_thread();
    return {};
}

usize netdev_count() { return g_dev_count; }

NetDevice* netdev_at(usize i) { return i < g_dev_count ? g_devs[i] : nullptr; }

NetDevice* netdev_by_index(int index) {
    for (usize i = 0; i < g_dev_count; i++)
        if (g_devs[i]->index == index) return g_devs[i];
    return nullptr;
}

NetDevice* netdev_by_name(const char* name, usize max_len) {
    for (usize i = 0; i < g_dev_count; i++)
        if (name_is(name, g_devs[i]->name, max_len)) return g_devs[i];
    return nullptr;
}

bool netdev_is_up(const NetDevice& d) { return d.flags & kIffUp; }

void netdev_set_flags(NetDevice& d, u32 flags) {
    bool was_up = d.flags & kIffUp;
    d.flags = (d.flags & ~kIffUp) | (flags & kIffUp);
    if (d.flags & kIffUp) d.flags |= kIffRunning;
    else d.flags &= ~kIffRunning;
    bool up = d.flags & kIffUp;
    if (up && !was_up && (d.flags & kIffLoopback)) {
        // linux: inetdev_event(NETDEV_UP) and addrconf give loopback its addresses.
        d.has_v4 = true;
        d.v4_addr = 0x7f000001;
        d.v4_mask = 0xff000000;
        d.has_v6 = true;
        d.v6_addr = wire::Addr{};
        d.v6_addr.b[15] = 1;
    }
    if (!up) d.has_v6 = false;   // linux: addrconf drops ::1 on NETDEV_DOWN; 127.0.0.1 stays but is unused
    if (!up && was_up && d.hw_type == kArphrdEther) {
        route_flush_dev(d);
        arp_flush(d);
    }
}

bool netdev_ioctl_cmd(unsigned cmd) {
    switch (cmd) {
    case SIOCGIFCONF:
    case SIOCGIFFLAGS:
    case SIOCSIFFLAGS:
    case SIOCGIFADDR:
    case SIOCSIFADDR:
    case SIOCGIFNETMASK:
    case SIOCSIFNETMASK:
    case SIOCGIFBRDADDR:
    case SIOCSIFBRDADDR:
    case SIOCGIFDSTADDR:
    case SIOCGIFINDEX:
    case SIOCGIFNAME:
    case SIOCGIFMTU:
    case SIOCSIFMTU:
    case SIOCGIFHWADDR:
    case SIOCGIFMETRIC:
    case SIOCGIFTXQLEN:
    case SIOCADDRT:
    case SIOCDELRT: return true;
    default: return false;
    }
}

Result<long> netdev_ioctl(unsigned cmd, uptr arg) {
    if (cmd == SIOCGIFCONF) return ifconf(arg);
    if (cmd == SIOCADDRT || cmd == SIOCDELRT) return route_ioctl(cmd, arg);
    LinuxIfreq r;
    TRY(copy_from_user(&r, arg, sizeof(r)));
    if (cmd == SIOCGIFNAME) {
        NetDevice* d;
        {
            SpinlockGuard g(inet_lock());
            d = netdev_by_index(r.u.ivalue);
        }
        if (!d) return Error(ENODEV);
        __builtin_memset(r.name, 0, sizeof(r.name));
        __builtin_memcpy(r.name, d->name, str_len(d->name));
        TRY(copy_to_user(arg, &r, sizeof(r)));
        return 0;
    }
    NetDevice* dp;
    {
        SpinlockGuard g(inet_lock());
        dp = netdev_by_name(r.name, kIfNameSize);
    }
    if (!dp) return Error(ENODEV);
    NetDevice& d = *dp;
    if (cmd == SIOCSIFFLAGS || cmd == SIOCSIFADDR || cmd == SIOCSIFNETMASK || cmd == SIOCSIFBRDADDR ||
        cmd == SIOCSIFMTU)
        return set_ioctl(d, cmd, r);
    {
        SpinlockGuard g(inet_lock());
        switch (cmd) {
        case SIOCGIFFLAGS: r.u.flags = static_cast<i16>(d.flags); break;
        case SIOCGIFINDEX: r.u.ivalue = d.index; break;
        case SIOCGIFMTU: r.u.ivalue = static_cast<i32>(d.mtu); break;
        case SIOCGIFMETRIC: r.u.ivalue = 0; break;
        case SIOCGIFTXQLEN: r.u.ivalue = 1000; break;
        case SIOCGIFHWADDR:
            __builtin_memset(&r.u, 0, sizeof(r.u));
            r.u.addr.family = d.hw_type;
            __builtin_memcpy(r.u.addr.data, d.hw_addr, sizeof(d.hw_addr));
            break;
        case SIOCGIFADDR:
        case SIOCGIFNETMASK:
        case SIOCGIFBRDADDR:
        case SIOCGIFDSTADDR:
            // linux: devinet_ioctl() finds no ifa on a device without an address; lo's goes with IFF_UP.
            if (!d.has_v4 || (d.hw_type != kArphrdEther && !netdev_is_up(d))) return Error(EADDRNOTAVAIL);
            if (cmd == SIOCGIFADDR || cmd == SIOCGIFDSTADDR) put_sockaddr_v4(r, d.v4_addr);
            else if (cmd == SIOCGIFNETMASK) put_sockaddr_v4(r, d.v4_mask);
            else put_sockaddr_v4(r, d.hw_type == kArphrdEther ? d.v4_broadcast : 0);
            break;
        }
    }
    TRY(copy_to_user(arg, &r, sizeof(r)));
    return 0;
}
