// SPDX-License-Identifier: MIT
// The loopback device and the interface ioctls (linux: drivers/net/loopback.c, net/core/dev_ioctl.c,
// net/ipv4/devinet.c devinet_ioctl/inet_gifconf).
#include "net/inet/netdev.h"

#include "abi/linux/inet_uapi.h"
#include "abi/linux/socket_abi.h"
#include "abi/linux/uapi.h"
#include "core/credentials.h"
#include "core/process.h"
#include "mm/user_ptr.h"
#include "net/inet/inet.h"



namespace {

void lo_xmit(NetDevice& d, Packet* p) {
    d.tx_packets++;
    d.tx_bytes += p->len;
    d.rx_packets++;
    d.rx_bytes += p->len;
    loopback_queue(p);
}

constinit NetDevice g_lo{"lo", 1, kIffLoopback, 65536, false, 0, 0, false, {}, lo_xmit};

bool name_is(const LinuxIfreq& r, const char* name) {
    usize i = 0;
    for (; i < kIfNameSize && r.name[i]; i++)
        if (r.name[i] != name[i]) return false;
    return i < kIfNameSize && name[i] == 0;
}

void put_sockaddr_v4(LinuxIfreq& r, u32 addr) {
    __builtin_memset(&r.u, 0, sizeof(r.u));
    r.u.addr.family = kAfInet;
    wire::put32(r.u.addr.data + 2, addr);
}

}  // namespace

NetDevice& loopback_dev() { return g_lo; }

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
}

bool netdev_ioctl_cmd(unsigned cmd) {
    switch (cmd) {
    case SIOCGIFCONF:
    case SIOCGIFFLAGS:
    case SIOCSIFFLAGS:
    case SIOCGIFADDR:
    case SIOCGIFNETMASK:
    case SIOCGIFBRDADDR:
    case SIOCGIFDSTADDR:
    case SIOCGIFINDEX:
    case SIOCGIFNAME:
    case SIOCGIFMTU:
    case SIOCGIFHWADDR:
    case SIOCGIFMETRIC:
    case SIOCGIFTXQLEN: return true;
    default: return false;
    }
}

Result<long> netdev_ioctl(unsigned cmd, uptr arg) {
    if (cmd == SIOCGIFCONF) {
        LinuxIfconf c;
        TRY(copy_from_user(&c, arg, sizeof(c)));
        LinuxIfreq r{};
        bool have;
        {
            SpinlockGuard g(inet_lock());
            have = netdev_is_up(g_lo) && g_lo.has_v4;
            __builtin_memcpy(r.name, g_lo.name, 3);
            put_sockaddr_v4(r, g_lo.v4_addr);
        }
        i32 n = have ? static_cast<i32>(sizeof(r)) : 0;
        if (c.buf) {
            if (c.len < n) n = 0;   // linux: inet_gifconf() stops when an entry no longer fits
            if (n) TRY(copy_to_user(c.buf, &r, sizeof(r)));
        }
        c.len = n;
        TRY(copy_to_user(arg, &c.len, sizeof(c.len)));
        return 0;
    }
    LinuxIfreq r;
    TRY(copy_from_user(&r, arg, sizeof(r)));
    if (cmd == SIOCGIFNAME) {
        if (r.u.ivalue != g_lo.index) return Error(ENODEV);
        __builtin_memset(r.name, 0, sizeof(r.name));
        __builtin_memcpy(r.name, g_lo.name, 2);
        TRY(copy_to_user(arg, &r, sizeof(r)));
        return 0;
    }
    if (!name_is(r, g_lo.name)) return Error(ENODEV);
    {
        SpinlockGuard g(inet_lock());
        NetDevice& d = g_lo;
        switch (cmd) {
        case SIOCGIFFLAGS: r.u.flags = static_cast<i16>(d.flags); break;
        case SIOCSIFFLAGS: break;
        case SIOCGIFINDEX: r.u.ivalue = d.index; break;
        case SIOCGIFMTU: r.u.ivalue = static_cast<i32>(d.mtu); break;
        case SIOCGIFMETRIC: r.u.ivalue = 0; break;
        case SIOCGIFTXQLEN: r.u.ivalue = 1000; break;
        case SIOCGIFHWADDR:
            __builtin_memset(&r.u, 0, sizeof(r.u));
            r.u.addr.family = 772;   // ARPHRD_LOOPBACK
            break;
        case SIOCGIFADDR:
        case SIOCGIFNETMASK:
        case SIOCGIFBRDADDR:
        case SIOCGIFDSTADDR:
            if (!netdev_is_up(d) || !d.has_v4) return Error(EADDRNOTAVAIL);
            if (cmd == SIOCGIFADDR || cmd == SIOCGIFDSTADDR) put_sockaddr_v4(r, d.v4_addr);
            else if (cmd == SIOCGIFNETMASK) put_sockaddr_v4(r, d.v4_mask);
            else put_sockaddr_v4(r, 0);
            break;
        }
    }
    if (cmd == SIOCSIFFLAGS) {
        if (!capable(CAP_NET_ADMIN)) return Error(EPERM);
        InetLocked g;
        netdev_set_flags(g_lo, static_cast<u16>(r.u.flags));
        return 0;
    }
    TRY(copy_to_user(arg, &r, sizeof(r)));
    return 0;
}
