// SPDX-License-Identifier: MIT
// Canonical line discipline: input is line-buffered, erase/kill editing, VEOF, echo and CR/NL translation.
#include "contract.h"
#include <termios.h>
#include <poll.h>

static void show(const char *label, const char *buf, ssize_t n)
{
    char out[256];
    int j = 0;
    for (ssize_t i = 0; i < n && j < 240; i++) {
        unsigned char c = buf[i];
        if (c == '\n') { out[j++] = '\\'; out[j++] = 'n'; }
        else if (c == '\r') { out[j++] = '\\'; out[j++] = 'r'; }
        else if (c < 32 || c >= 127) j += snprintf(out + j, 8, "\\x%02x", c);
        else out[j++] = c;
    }
    out[j] = 0;
    say("%s: %zd \"%s\"\n", label, n, out);
}

static ssize_t drain(int fd, char *buf, size_t cap)
{
    struct pollfd p = {fd, POLLIN, 0};
    ssize_t total = 0;
    while (poll(&p, 1, 100) > 0 && (p.revents & POLLIN)) {
        ssize_t r = read(fd, buf + total, cap - total);
        if (r <= 0) break;
        total += r;
    }
    return total;
}

// Wait (up to 2 s) until the slave is readable, then read: the line discipline works asynchronously.
static ssize_t rd(int fd, char *buf, size_t cap)
{
    struct pollfd p = {fd, POLLIN, 0};
    poll(&p, 1, 2000);
    return read(fd, buf, cap);
}

int main(void)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    grantpt(m);
    unlockpt(m);
    int s = open(ptsname(m), O_RDWR | O_NOCTTY);
    fcntl(s, F_SETFL, O_NONBLOCK);
    char buf[256];
    write(m, "abc", 3);
    struct pollfd pf = {s, POLLIN, 0};
    RET(poll(&pf, 1, 200));
    RET(read(s, buf, sizeof buf));
    write(m, "\n", 1);
    show("line", buf, rd(s, buf, sizeof buf));
    show("echo", buf, drain(m, buf, sizeof buf));
    static const char edit[] = "hellp\x7fo wrold\x15world\r";
    write(m, edit, sizeof edit - 1);
    show("edited", buf, rd(s, buf, sizeof buf));
    show("echo", buf, drain(m, buf, sizeof buf));
    write(m, "part\x04", 5);
    show("VEOF mid-line", buf, rd(s, buf, sizeof buf));
    write(m, "\x04", 1);
    show("VEOF at start", buf, rd(s, buf, sizeof buf));
    drain(m, buf, sizeof buf);
    write(s, "out\n", 4);
    show("output onlcr", buf, drain(m, buf, sizeof buf));
    write(m, "two\nlines\n", 10);
    show("first read", buf, rd(s, buf, sizeof buf));
    show("second read", buf, rd(s, buf, sizeof buf));
    return 0;
}
