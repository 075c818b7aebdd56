// SPDX-License-Identifier: MIT
// What the C library builds on the stack: getaddrinfo of numeric loopback addresses (with and without AI_ADDRCONFIG, which makes glibc ask netlink which families have addresses), if_nametoindex/if_indextoname, getifaddrs.
#include "inet/inet_test.h"
#include <ifaddrs.h>
#include <netdb.h>

static void gai(const char *host, int flags)
{
    struct addrinfo hints = {.ai_flags = flags, .ai_socktype = SOCK_STREAM}, *res = NULL;
    int r = getaddrinfo(host, "80", &hints, &res);
    if (r) {
        say("getaddrinfo %s flags %#x: error %d\n", host, flags, r);
        return;
    }
    for (struct addrinfo *p = res; p; p = p->ai_next) {
        char txt[64];
        void *a = p->ai_family == AF_INET ? (void *)&((struct sockaddr_in *)p->ai_addr)->sin_addr
                                          : (void *)&((struct sockaddr_in6 *)p->ai_addr)->sin6_addr;
        inet_ntop(p->ai_family, a, txt, sizeof txt);
        say("getaddrinfo %s flags %#x: family %d %s len %d\n", host, flags, p->ai_family, txt, p->ai_addrlen);
    }
    freeaddrinfo(res);
}

int main(void)
{
    lo_up();
    gai("127.0.0.1", 0);
    gai("127.0.0.1", AI_ADDRCONFIG);
    gai("::1", 0);
    gai("::1", AI_ADDRCONFIG);
    gai(NULL, AI_PASSIVE);
    gai(NULL, AI_PASSIVE | AI_ADDRCONFIG);
    say("if_nametoindex lo %u\n", if_nametoindex("lo"));
    say("if_nametoindex nope %u\n", if_nametoindex("nope"));
    char name[IF_NAMESIZE];
    say("if_indextoname 1 %s\n", if_indextoname(1, name) ? name : ct_errname(errno));
    struct if_nameindex *ni = if_nameindex();
    for (struct if_nameindex *p = ni; p && p->if_index; p++) say("if_nameindex %u %s\n", p->if_index, p->if_name);
    if (ni) if_freenameindex(ni);
    struct ifaddrs *ifa;
    if (getifaddrs(&ifa) == 0) {
        int n4 = 0, n6 = 0, other = 0;
        for (struct ifaddrs *p = ifa; p; p = p->ifa_next) {
            if (!p->ifa_addr) continue;
            if (p->ifa_addr->sa_family == AF_INET) n4++;
            else if (p->ifa_addr->sa_family == AF_INET6) n6++;
            else other++;
        }
        say("getifaddrs v4 %d v6 %d\n", n4, n6);
        freeifaddrs(ifa);
    } else {
        say("getifaddrs: %s\n", ct_errname(errno));
    }
    return 0;
}
