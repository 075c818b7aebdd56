// SPDX-License-Identifier: MIT
// poll(2) result rules: revents filtered by the requested events, POLLHUP/POLLERR reported unasked, POLLNVAL for
// closed and O_PATH descriptors, negative fds ignored, duplicates counted, regular files always ready, nfds above
// RLIMIT_NOFILE is EINVAL, a bad array is EFAULT.
#include "contract.h"
#include <poll.h>
#include <sys/resource.h>

static const char *ev(short r)
{
    static char buf[96];
    buf[0] = 0;
    if (r & POLLIN) strcat(buf, " IN");
    if (r & POLLPRI) strcat(buf, " PRI");
    if (r & POLLOUT) strcat(buf, " OUT");
    if (r & POLLERR) strcat(buf, " ERR");
    if (r & POLLHUP) strcat(buf, " HUP");
    if (r & POLLNVAL) strcat(buf, " NVAL");
    if (r & POLLRDNORM) strcat(buf, " RDNORM");
    if (r & POLLWRNORM) strcat(buf, " WRNORM");
    if (!buf[0]) strcpy(buf, " -");
    return buf;
}

int main(void)
{
    int p[2];
    pipe(p);
    write(p[1], "x", 1);
    struct pollfd a[2] = {{p[0], POLLOUT, 0}, {p[1], POLLIN, 0}};
    RET(poll(a, 2, 0));
    say("read end asked OUT:%s\n", ev(a[0].revents));
    say("write end asked IN:%s\n", ev(a[1].revents));
    a[0].events = POLLIN | POLLRDNORM | POLLWRNORM;
    a[1].events = POLLOUT | POLLWRNORM | POLLRDNORM;
    RET(poll(a, 2, 0));
    say("read end:%s\n", ev(a[0].revents));
    say("write end:%s\n", ev(a[1].revents));

    close(p[1]);
    struct pollfd h = {p[0], 0, 0};
    RET(poll(&h, 1, 0));
    say("writer gone, nothing asked:%s\n", ev(h.revents));

    int q[2];
    pipe(q);
    close(q[0]);
    struct pollfd e = {q[1], 0, 0};
    RET(poll(&e, 1, 0));
    say("reader gone, nothing asked:%s\n", ev(e.revents));

    int r[2];
    pipe(r);
    write(r[1], "y", 1);
    struct pollfd d[3] = {{r[0], POLLIN, 0}, {r[0], POLLIN, 0}, {-5, POLLIN, 0x7f}};
    RET(poll(d, 3, 0));
    say("duplicates:%s /%s, negative fd revents: %d\n", ev(d[0].revents), ev(d[1].revents), d[2].revents);

    ct_write_file("f", "data", 0644);
    int f = open("f", O_RDWR);
    struct pollfd rf = {f, POLLIN | POLLOUT | POLLPRI, 0};
    RET(poll(&rf, 1, 0));
    say("regular file:%s\n", ev(rf.revents));
    int op = open("f", O_PATH);
    struct pollfd pp[2] = {{op, POLLIN, 0}, {99, POLLIN, 0}};
    RET(poll(pp, 2, 0));
    say("O_PATH:%s, closed:%s\n", ev(pp[0].revents), ev(pp[1].revents));

    struct rlimit rl = {16, 16};
    setrlimit(RLIMIT_NOFILE, &rl);
    struct pollfd many[17];
    for (int i = 0; i < 17; i++) many[i] = (struct pollfd){-1, POLLIN, 0};
    RET(poll(many, 17, 0));
    RET(poll(many, 16, 0));
    RET(poll((struct pollfd *)8, 1, 0));
    RET(poll(NULL, 0, 0));

    int s[2];
    pipe(s);
    struct pollfd w = {s[0], POLLIN, 0};
    RET(poll(&w, 1, 20));
    say("after timeout:%s\n", ev(w.revents));
    return 0;
}
