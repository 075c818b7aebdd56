// SPDX-License-Identifier: MIT
// Sysctls systemd sets at boot: kernel.core_pattern (a string of at most 127 bytes; systemd writes
// "|/bin/false") and net.unix.max_dgram_qlen, the datagram backlog an AF_UNIX socket takes when it
// is created (backlog + 1 datagrams wait before a sender gets EAGAIN).
#include "contract.h"
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>

static void put(const char *path, const char *value)
{
    int fd = open(path, O_WRONLY);
    ssize_t n = write(fd, value, strlen(value));
    say("write %.*s%s: %s\n", (int)strcspn(value, "\n") < 20 ? (int)strcspn(value, "\n") : 20, value,
        strlen(value) > 20 ? "..." : "", n < 0 ? ct_errname(errno) : "ok");
    close(fd);
}

static void show(const char *path)
{
    char buf[256] = "";
    ssize_t n = ct_read_file(path, buf, sizeof buf);
    say("%s: %zd bytes: %.40s", path, n, buf);
    if (n > 40) say("...\n");
}

// Datagrams a fresh sender gets into receiver (bound to an abstract name) before EAGAIN.
static int fill(int receiver, const char *name)
{
    struct sockaddr_un a = {AF_UNIX, ""};
    memcpy(a.sun_path + 1, name, strlen(name));
    socklen_t len = offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name);
    if (bind(receiver, (struct sockaddr *)&a, len)) return -1;
    int s = socket(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0), n = 0;
    while (n < 100 && sendto(s, "x", 1, 0, (struct sockaddr *)&a, len) == 1) n++;
    close(s);
    return n;
}

int main(void)
{
    const char *cp = "/proc/sys/kernel/core_pattern", *ql = "/proc/sys/net/unix/max_dgram_qlen";
    show(cp);
    put(cp, "|/bin/false");
    show(cp);
    char long_pattern[201];
    memset(long_pattern, 'a', 200);
    long_pattern[200] = 0;
    put(cp, long_pattern);
    show(cp);
    put(cp, "core\n");
    show(cp);

    show(ql);
    int before = socket(AF_UNIX, SOCK_DGRAM, 0);
    put(ql, "3");
    show(ql);
    int after = socket(AF_UNIX, SOCK_DGRAM, 0);
    say("queued with the old length: %d\n", fill(before, "ct-qlen-before"));
    say("queued with length 3: %d\n", fill(after, "ct-qlen-after"));
    put(ql, "512");
    show(ql);
    put(ql, "-1");
    show(ql);
    put(ql, "2147483648");
    put(ql, "10");
    show(ql);
    return 0;
}
