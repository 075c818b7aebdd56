// SPDX-License-Identifier: MIT
// select(2)/pselect6(2): result sets, a descriptor counted once per set it is ready in, EBADF for a closed
// descriptor, EINVAL for nfds < 0 and bad timeouts, tv_usec above a second folded into tv_sec, the timeout updated
// with the time left (raw syscalls: the C libraries may copy it), sets cleared on timeout.
#include "contract.h"
#include <sys/select.h>
#include <sys/syscall.h>

int main(void)
{
    int p[2];
    pipe(p);
    write(p[1], "x", 1);
    int n = (p[0] > p[1] ? p[0] : p[1]) + 1;
    fd_set r, w, e;
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_ZERO(&e);
    FD_SET(p[0], &r);
    FD_SET(p[1], &r);
    FD_SET(p[0], &w);
    FD_SET(p[1], &w);
    FD_SET(p[0], &e);
    FD_SET(p[1], &e);
    struct timeval tv = {0, 0};
    RET(select(n, &r, &w, &e, &tv));
    say("read end: r=%d w=%d e=%d\n", FD_ISSET(p[0], &r), FD_ISSET(p[0], &w), FD_ISSET(p[0], &e));
    say("write end: r=%d w=%d e=%d\n", FD_ISSET(p[1], &r), FD_ISSET(p[1], &w), FD_ISSET(p[1], &e));

    int f = open("f", O_CREAT | O_RDWR, 0644);
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_SET(f, &r);
    FD_SET(f, &w);
    RET(select(f + 1, &r, &w, NULL, &tv));
    close(f);
    FD_ZERO(&r);
    FD_SET(f, &r);
    RET(select(f + 1, &r, NULL, NULL, &tv));
    RET(select(-1, NULL, NULL, NULL, &tv));

    // Writer gone: readable (POLLHUP is in the read set); reader gone: writable (POLLERR).
    int q[2];
    pipe(q);
    close(q[1]);
    int s[2];
    pipe(s);
    close(s[0]);
    FD_ZERO(&r);
    FD_ZERO(&w);
    FD_SET(q[0], &r);
    FD_SET(s[1], &w);
    n = (q[0] > s[1] ? q[0] : s[1]) + 1;
    RET(select(n, &r, &w, NULL, &tv));

    int t[2];
    pipe(t);
    FD_ZERO(&r);
    FD_SET(t[0], &r);
    struct timeval k = {0, 20000};
    RET(syscall(SYS_select, t[0] + 1, &r, NULL, NULL, &k));
    say("timeout: set cleared=%d, tv left=%ld.%06ld\n", !FD_ISSET(t[0], &r), (long)k.tv_sec, (long)k.tv_usec);
    struct timeval bad = {0, -1};
    RET(syscall(SYS_select, 0, NULL, NULL, NULL, &bad));
    struct timeval folded = {0, 1500000};
    FD_ZERO(&w);
    FD_SET(t[1], &w);
    RET(syscall(SYS_select, t[1] + 1, NULL, &w, NULL, &folded));
    say("folded tv kept sec>=1: %d\n", folded.tv_sec >= 1);
    struct timeval five = {5, 0};
    FD_ZERO(&w);
    FD_SET(t[1], &w);
    RET(syscall(SYS_select, t[1] + 1, NULL, &w, NULL, &five));
    say("immediate: tv left in (4s,5s]: %d\n", (five.tv_sec == 4 && five.tv_usec > 0) || (five.tv_sec == 5 && five.tv_usec == 0));

    struct timespec ts = {0, 20000000};
    FD_ZERO(&r);
    FD_SET(t[0], &r);
    RET(syscall(SYS_pselect6, t[0] + 1, &r, NULL, NULL, &ts, NULL));
    say("pselect6 timeout: ts left=%ld.%09ld\n", (long)ts.tv_sec, ts.tv_nsec);
    struct timespec badts = {0, 1000000000};
    RET(syscall(SYS_pselect6, 0, NULL, NULL, NULL, &badts, NULL));
    sigset_t m;
    sigemptyset(&m);
    struct { const sigset_t *ss; size_t len; } pack = {&m, 4};
    struct timespec zero = {0, 0};
    RET(syscall(SYS_pselect6, 0, NULL, NULL, NULL, &zero, &pack));
    RET(syscall(SYS_pselect6, 0, NULL, NULL, NULL, &zero, (void *)8));
    return 0;
}
