// SPDX-License-Identifier: MIT
// NETLINK_ROUTE as the C libraries use it: bind and getsockname (port id), RTM_GETLINK and RTM_GETADDR dumps parsed message by message, an error message for an unknown request, ECONNREFUSED to a user port.
#include "inet/inet_test.h"
#if __has_include(<linux/rtnetlink.h>)
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#else
// musl-gcc has no kernel headers: the few definitions used, as in include/uapi/linux/{netlink,rtnetlink}.h.
struct sockaddr_nl { sa_family_t nl_family; unsigned short nl_pad; uint32_t nl_pid, nl_groups; };
struct nlmsghdr { uint32_t nlmsg_len; uint16_t nlmsg_type, nlmsg_flags; uint32_t nlmsg_seq, nlmsg_pid; };
struct nlmsgerr { int error; struct nlmsghdr msg; };
struct rtgenmsg { unsigned char rtgen_family; };
struct ifinfomsg { unsigned char ifi_family, pad; unsigned short ifi_type; int ifi_index; unsigned ifi_flags, ifi_change; };
struct ifaddrmsg { uint8_t ifa_family, ifa_prefixlen, ifa_flags, ifa_scope; uint32_t ifa_index; };
struct rtattr { unsigned short rta_len, rta_type; };
#define NETLINK_ROUTE 0
#define NLM_F_REQUEST 1
#define NLM_F_MULTI 2
#define NLM_F_DUMP 0x300
#define NLMSG_ERROR 2
#define NLMSG_DONE 3
#define NLMSG_ALIGN(len) (((len) + 3) & ~3u)
#define NLMSG_HDRLEN ((int)NLMSG_ALIGN(sizeof(struct nlmsghdr)))
#define NLMSG_DATA(h) ((void *)((char *)(h) + NLMSG_HDRLEN))
#define NLMSG_OK(h, len) ((len) >= (int)sizeof(struct nlmsghdr) && (h)->nlmsg_len >= sizeof(struct nlmsghdr) && (h)->nlmsg_len <= (unsigned)(len))
#define NLMSG_NEXT(h, len) ((len) -= NLMSG_ALIGN((h)->nlmsg_len), (struct nlmsghdr *)((char *)(h) + NLMSG_ALIGN((h)->nlmsg_len)))
#define RTA_ALIGN(len) (((len) + 3) & ~3)
#define RTA_OK(rta, len) ((len) >= (int)sizeof(struct rtattr) && (rta)->rta_len >= sizeof(struct rtattr) && (rta)->rta_len <= (len))
#define RTA_NEXT(rta, len) ((len) -= RTA_ALIGN((rta)->rta_len), (struct rtattr *)((char *)(rta) + RTA_ALIGN((rta)->rta_len)))
#define RTA_DATA(rta) ((void *)((char *)(rta) + RTA_ALIGN(sizeof(struct rtattr))))
#define IFLA_RTA(r) ((struct rtattr *)((char *)(r) + NLMSG_ALIGN(sizeof(struct ifinfomsg))))
#define IFA_RTA(r) ((struct rtattr *)((char *)(r) + NLMSG_ALIGN(sizeof(struct ifaddrmsg))))
#define RTM_NEWLINK 16
#define RTM_GETLINK 18
#define RTM_NEWADDR 20
#define RTM_GETADDR 22
#define RTM_MAX 123
#define IFLA_IFNAME 3
#define IFLA_MTU 4
#define IFA_ADDRESS 1
#endif

static int seq = 100;

static void request(int fd, int type, int family)
{
    struct {
        struct nlmsghdr h;
        struct rtgenmsg g;
    } req = {{sizeof req, type, NLM_F_REQUEST | NLM_F_DUMP, ++seq, 0}, {family}};
    struct sockaddr_nl k = {.nl_family = AF_NETLINK};
    if (sendto(fd, &req, sizeof req, 0, (struct sockaddr *)&k, sizeof k) != sizeof req) say("send: %s\n", ct_errname(errno));
}

static void dump(int fd, const char *what)
{
    char buf[16384];
    int done = 0, msgs = 0;
    while (!done) {
        struct sockaddr_nl from;
        struct iovec iov = {buf, sizeof buf};
        struct msghdr m = {.msg_name = &from, .msg_namelen = sizeof from, .msg_iov = &iov, .msg_iovlen = 1};
        ssize_t n = recvmsg(fd, &m, 0);
        if (n <= 0) {
            say("%s: recv %zd %s\n", what, n, ct_errname(errno));
            return;
        }
        if (m.msg_namelen != sizeof from || from.nl_pid != 0) say("%s: odd sender\n", what);
        for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
            if (h->nlmsg_seq != (unsigned)seq) say("%s: wrong seq\n", what);
            if (h->nlmsg_type == NLMSG_DONE) {
                done = 1;
                break;
            }
            if (h->nlmsg_type == NLMSG_ERROR) {
                struct nlmsgerr *e = NLMSG_DATA(h);
                say("%s: error %s\n", what, ct_errname(-e->error));
                done = 1;
                break;
            }
            msgs++;
            if (h->nlmsg_type == RTM_NEWLINK) {
                struct ifinfomsg *ifi = NLMSG_DATA(h);
                const char *name = "?";
                unsigned mtu = 0;
                int alen = (int)h->nlmsg_len - NLMSG_HDRLEN - (int)NLMSG_ALIGN(sizeof *ifi);
                for (struct rtattr *a = IFLA_RTA(ifi); RTA_OK(a, alen); a = RTA_NEXT(a, alen)) {
                    if (a->rta_type == IFLA_IFNAME) name = RTA_DATA(a);
                    if (a->rta_type == IFLA_MTU) mtu = *(unsigned *)RTA_DATA(a);
                }
                say("%s: link %d %s type %d flags %#x mtu %u multi %d\n", what, ifi->ifi_index, name, ifi->ifi_type,
                    ifi->ifi_flags, mtu, !!(h->nlmsg_flags & NLM_F_MULTI));
            } else if (h->nlmsg_type == RTM_NEWADDR) {
                struct ifaddrmsg *ifa = NLMSG_DATA(h);
                char txt[64] = "?";
                int alen = (int)h->nlmsg_len - NLMSG_HDRLEN - (int)NLMSG_ALIGN(sizeof *ifa);
                for (struct rtattr *a = IFA_RTA(ifa); RTA_OK(a, alen); a = RTA_NEXT(a, alen))
                    if (a->rta_type == IFA_ADDRESS) inet_ntop(ifa->ifa_family, RTA_DATA(a), txt, sizeof txt);
                say("%s: addr family %d %s/%d scope %d index %d\n", what, ifa->ifa_family, txt, ifa->ifa_prefixlen,
                    ifa->ifa_scope, ifa->ifa_index);
            }
        }
    }
    say("%s: %d messages\n", what, msgs);
}

int main(void)
{
    lo_up();
    int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
    CHECK(fd >= 0);
    struct sockaddr_nl me = {.nl_family = AF_NETLINK};
    RET(bind(fd, (struct sockaddr *)&me, sizeof me));
    socklen_t ml = sizeof me;
    RET(getsockname(fd, (struct sockaddr *)&me, &ml));
    say("port id is pid %d len %d\n", me.nl_pid == (unsigned)getpid(), ml);
    request(fd, RTM_GETLINK, AF_UNSPEC);
    dump(fd, "links");
    request(fd, RTM_GETADDR, AF_UNSPEC);
    dump(fd, "addrs");
    request(fd, RTM_GETADDR, AF_INET6);
    dump(fd, "addrs6");
    request(fd, RTM_MAX + 4, AF_UNSPEC);
    dump(fd, "unknown");
    struct sockaddr_nl user = {.nl_family = AF_NETLINK, .nl_pid = 12345};
    RET(sendto(fd, "x", 1, 0, (struct sockaddr *)&user, sizeof user));
    int fd2 = socket(AF_NETLINK, SOCK_RAW, NETLINK_ROUTE);
    struct sockaddr_nl same = {.nl_family = AF_NETLINK, .nl_pid = getpid()};
    RET(bind(fd2, (struct sockaddr *)&same, sizeof same));
    RET(socket(AF_NETLINK, SOCK_STREAM, NETLINK_ROUTE));
    close(fd2);
    close(fd);
    return 0;
}
