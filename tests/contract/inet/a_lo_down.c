// SPDX-License-Identifier: MIT
// The loopback device: its flags, address, index and MTU through the SIOCGIF* ioctls; sockets while it is down and after SIOCSIFFLAGS brings it up.
// Named to run first in its area: lo starts DOWN after boot, and once it has been up Linux keeps
// 127.0.0.1 on it, so connecting while it is down again would wait for SYN retransmissions.
#include "contract.h"
#include <net/if.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <sys/ioctl.h>
#include <sys/socket.h>

static void try_connect(const char *what)
{
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(9), .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    int r = connect(s, (struct sockaddr *)&a, sizeof a);
    say("%s: connect 127.0.0.1:9 %d %s\n", what, r, r ? ct_errname(errno) : "0");
    close(s);
    s = socket(AF_INET, SOCK_STREAM, 0);
    r = bind(s, (struct sockaddr *)&a, sizeof a);
    say("%s: bind 127.0.0.1:9 %d %s\n", what, r, r ? ct_errname(errno) : "0");
    close(s);
    s = socket(AF_INET6, SOCK_STREAM, 0);
    struct sockaddr_in6 b = {.sin6_family = AF_INET6, .sin6_port = htons(9), .sin6_addr = IN6ADDR_LOOPBACK_INIT};
    r = connect(s, (struct sockaddr *)&b, sizeof b);
    say("%s: connect [::1]:9 %d %s\n", what, r, r ? ct_errname(errno) : "0");
    close(s);
    s = socket(AF_INET, SOCK_DGRAM, 0);
    r = sendto(s, "x", 1, 0, (struct sockaddr *)&a, sizeof a);
    say("%s: udp sendto 127.0.0.1 %d %s\n", what, r, r < 0 ? ct_errname(errno) : "0");
    close(s);
}

static void show(int s)
{
    struct ifreq r;
    memset(&r, 0, sizeof r);
    strcpy(r.ifr_name, "lo");
    int rc = ioctl(s, SIOCGIFFLAGS, &r);
    say("SIOCGIFFLAGS %d flags %#x\n", rc, rc ? 0 : (unsigned)(r.ifr_flags & 0xffff));
    rc = ioctl(s, SIOCGIFINDEX, &r);
    say("SIOCGIFINDEX %d index %d\n", rc, rc ? 0 : r.ifr_ifindex);
    rc = ioctl(s, SIOCGIFMTU, &r);
    say("SIOCGIFMTU %d mtu %d\n", rc, rc ? 0 : r.ifr_mtu);
    rc = ioctl(s, SIOCGIFADDR, &r);
    say("SIOCGIFADDR %d %s\n", rc, rc ? ct_errname(errno) : inet_ntoa(((struct sockaddr_in *)&r.ifr_addr)->sin_addr));
    rc = ioctl(s, SIOCGIFNETMASK, &r);
    say("SIOCGIFNETMASK %d %s\n", rc, rc ? ct_errname(errno) : inet_ntoa(((struct sockaddr_in *)&r.ifr_netmask)->sin_addr));
    struct ifreq q = {.ifr_ifindex = 1};
    rc = ioctl(s, SIOCGIFNAME, &q);
    say("SIOCGIFNAME 1: %d %s\n", rc, rc ? ct_errname(errno) : q.ifr_name);
    q.ifr_ifindex = 77;
    rc = ioctl(s, SIOCGIFNAME, &q);
    say("SIOCGIFNAME 77: %d %s\n", rc, rc ? ct_errname(errno) : q.ifr_name);
    strcpy(q.ifr_name, "eth9");
    rc = ioctl(s, SIOCGIFFLAGS, &q);
    say("SIOCGIFFLAGS eth9: %d %s\n", rc, rc ? ct_errname(errno) : "0");
    char buf[10 * sizeof(struct ifreq)];
    struct ifconf c = {.ifc_len = sizeof buf, .ifc_buf = buf};
    rc = ioctl(s, SIOCGIFCONF, &c);
    say("SIOCGIFCONF %d entries %d\n", rc, rc ? 0 : (int)(c.ifc_len / sizeof(struct ifreq)));
    for (int i = 0; !rc && i < (int)(c.ifc_len / sizeof(struct ifreq)); i++)
        say("  %s %s\n", c.ifc_req[i].ifr_name, inet_ntoa(((struct sockaddr_in *)&c.ifc_req[i].ifr_addr)->sin_addr));
    say("if_nametoindex lo %u\n", if_nametoindex("lo"));
}

int main(void)
{
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    struct ifreq r;
    memset(&r, 0, sizeof r);
    strcpy(r.ifr_name, "lo");
    RET(ioctl(s, SIOCGIFFLAGS, &r));
    if (!(r.ifr_flags & IFF_UP)) {
        say("-- down\n");
        show(s);
        try_connect("down");
    } else {
        say("lo was already up: the never-up state is not checked\n");
    }
    r.ifr_flags |= IFF_UP;
    RET(ioctl(s, SIOCSIFFLAGS, &r));
    say("-- up\n");
    show(s);
    try_connect("up");
    return 0;
}
