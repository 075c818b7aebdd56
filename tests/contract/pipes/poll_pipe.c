// SPDX-License-Identifier: MIT
// poll/select readiness on pipes: POLLIN, POLLOUT, POLLHUP after writer closes, POLLERR after reader closes.
#include "contract.h"
#include <poll.h>
#include <sys/select.h>

static void pr(const char *what, int fd, short ev)
{
    struct pollfd pfd = {fd, ev, 0};
    int n = poll(&pfd, 1, 0);
    say("%s: n=%d in=%d out=%d hup=%d err=%d nval=%d\n", what, n, !!(pfd.revents & POLLIN), !!(pfd.revents & POLLOUT),
        !!(pfd.revents & POLLHUP), !!(pfd.revents & POLLERR), !!(pfd.revents & POLLNVAL));
}

int main(void)
{
    int p[2];
    pipe(p);
    pr("empty read end", p[0], POLLIN);
    pr("write end", p[1], POLLOUT);
    write(p[1], "x", 1);
    pr("data", p[0], POLLIN);
    fd_set rs;
    FD_ZERO(&rs);
    FD_SET(p[0], &rs);
    struct timeval tv = {0, 0};
    RET(select(p[0] + 1, &rs, NULL, NULL, &tv));
    FACT("select readable", FD_ISSET(p[0], &rs));
    close(p[1]);
    pr("writer closed", p[0], POLLIN);
    char c;
    read(p[0], &c, 1);
    pr("writer closed, drained", p[0], POLLIN);
    int q[2];
    pipe(q);
    close(q[0]);
    pr("reader closed", q[1], POLLOUT);
    pr("closed fd", 99, POLLIN);
    struct pollfd none = {-1, POLLIN, 7};
    RET(poll(&none, 1, 0));
    say("negative fd revents: %d\n", none.revents);
    int r[2];
    pipe(r);
    struct pollfd w = {r[0], POLLIN, 0};
    RET(poll(&w, 1, 30));
    RET(poll(NULL, 0, 10));
    RET(poll((struct pollfd *)8, 1, 0));
    FD_ZERO(&rs);
    FD_SET(r[0], &rs);
    tv.tv_sec = 0;
    tv.tv_usec = 20000;
    RET(select(r[0] + 1, &rs, NULL, NULL, &tv));
    RET(select(-1, NULL, NULL, NULL, &tv));
    return 0;
}
