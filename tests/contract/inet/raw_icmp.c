// SPDX-License-Identifier: MIT
// Raw ICMP sockets, as ping(8) uses them as root: an echo request sent to 127.0.0.1 comes back
// on the socket twice, the request itself and the kernel's reply, each with its IP header (TTL,
// protocol, addresses, total length); the reply carries the identifier, sequence and data.
// ICMP_FILTER hides the request; sendto without an address is EDESTADDRREQ; without CAP_NET_RAW
// the socket is EPERM.
#include "inet_test.h"
#include <netinet/ip.h>
#include <stdint.h>

// <linux/icmp.h>'s, which clashes with the C libraries' headers.
#define ICMP_ECHO 8
#define ICMP_FILTER 1
struct icmp_filter {
    uint32_t data;
};
#ifndef SOL_RAW
#define SOL_RAW 255
#endif

static unsigned short csum(const void *data, int len)
{
    const unsigned char *p = data;
    unsigned long sum = 0;
    for (int i = 0; i + 1 < len; i += 2) sum += (p[i] << 8) | p[i + 1];
    if (len & 1) sum += p[len - 1] << 8;
    while (sum >> 16) sum = (sum & 0xffff) + (sum >> 16);
    return htons((unsigned short)~sum);
}

static void send_echo(int s, unsigned short id, unsigned short seq)
{
    unsigned char pkt[8 + 24];
    memset(pkt, 0, sizeof pkt);
    pkt[0] = ICMP_ECHO;
    memcpy(pkt + 4, &(unsigned short){htons(id)}, 2);
    memcpy(pkt + 6, &(unsigned short){htons(seq)}, 2);
    for (int i = 8; i < (int)sizeof pkt; i++) pkt[i] = (unsigned char)('a' + i);
    unsigned short c = csum(pkt, sizeof pkt);
    memcpy(pkt + 2, &c, 2);
    struct sockaddr_in to = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    say("sendto: %ld\n", (long)sendto(s, pkt, sizeof pkt, 0, (struct sockaddr *)&to, sizeof to));
}

static void receive(int s, unsigned short id)
{
    unsigned char buf[256];
    struct sockaddr_in from;
    socklen_t fl = sizeof from;
    struct pollfd p = {.fd = s, .events = POLLIN};
    if (poll(&p, 1, 2000) != 1) {
        say("nothing to read\n");
        return;
    }
    ssize_t n = recvfrom(s, buf, sizeof buf, 0, (struct sockaddr *)&from, &fl);
    if (n < 28) {
        say("recvfrom: %ld %s\n", (long)n, n < 0 ? ct_errname(errno) : "");
        return;
    }
    struct iphdr *ip = (struct iphdr *)buf;
    unsigned char *icmp = buf + ip->ihl * 4;
    unsigned short rid, rseq;
    memcpy(&rid, icmp + 4, 2);
    memcpy(&rseq, icmp + 6, 2);
    int data_ok = 1;
    for (int i = 8; i < n - ip->ihl * 4; i++) data_ok &= icmp[i] == (unsigned char)('a' + i);
    say("got %ld bytes from %s port %d: ihl %d tot_len %d ttl %d proto %d src %08x dst %08x | "
        "type %d code %d id %s seq %d data %s checksum %s\n",
        (long)n, inet_ntoa(from.sin_addr), ntohs(from.sin_port), ip->ihl, ntohs(ip->tot_len), ip->ttl, ip->protocol,
        ntohl(ip->saddr), ntohl(ip->daddr), icmp[0], icmp[1], ntohs(rid) == id ? "same" : "other", ntohs(rseq),
        data_ok ? "same" : "changed", csum(icmp, (int)n - ip->ihl * 4) == 0 ? "ok" : "bad");
}

int main(void)
{
    lo_up();
    int s = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
    if (s < 0) {
        say("socket: %s\n", ct_errname(errno));
        return 1;
    }
    send_echo(s, 0x1234, 1);
    receive(s, 0x1234);   // the request, looped back
    receive(s, 0x1234);   // the reply
    // With the request filtered out only the reply arrives.
    struct icmp_filter f = {.data = 1u << ICMP_ECHO};
    RET(setsockopt(s, SOL_RAW, ICMP_FILTER, &f, sizeof f));
    send_echo(s, 0x1234, 2);
    receive(s, 0x1234);
    struct pollfd p = {.fd = s, .events = POLLIN};
    say("more: %d\n", poll(&p, 1, 100));
    RET(send(s, "x", 1, 0));
    close(s);
    pid_t c = fork();
    if (c == 0) {
        ct_become_user();
        _exit(socket(AF_INET, SOCK_RAW, IPPROTO_ICMP) == -1 && errno == EPERM ? 0 : 1);
    }
    say("unprivileged: %s\n", ct_wait(c));
    return 0;
}
