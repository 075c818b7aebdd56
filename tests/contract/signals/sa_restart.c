// SPDX-License-Identifier: MIT
// A signal during a blocking read: EINTR without SA_RESTART, transparent restart with it; nanosleep gets EINTR.
#include "contract.h"
#include <sys/time.h>

static volatile int hits;
static void h(int s) { (void)s; hits++; }

static void run(int flags)
{
    struct sigaction sa = {0};
    sa.sa_handler = h;
    sa.sa_flags = flags;
    sigaction(SIGALRM, &sa, NULL);
    int p[2];
    pipe(p);
    pid_t pid = fork();
    if (pid == 0) { ct_msleep(700); write(p[1], "z", 1); _exit(0); }
    struct itimerval it = {{0, 0}, {0, 100000}};
    setitimer(ITIMER_REAL, &it, NULL);
    char c;
    errno = 0;
    ssize_t r = read(p[0], &c, 1);
    say("%s: read=%zd errno=%s hits=%d\n", flags ? "SA_RESTART" : "no flags", r, ct_errname(r < 0 ? errno : 0), hits);
    ct_wait(pid);
    close(p[0]);
    close(p[1]);
    hits = 0;
}

int main(void)
{
    run(0);
    run(SA_RESTART);
    struct sigaction sa = {0};
    sa.sa_handler = h;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval it = {{0, 0}, {0, 50000}};
    setitimer(ITIMER_REAL, &it, NULL);
    struct timespec ts = {2, 0}, rem = {0, 0};
    int r = nanosleep(&ts, &rem);
    say("nanosleep with SA_RESTART: %s, remaining between 1s and 2s: %s\n", r ? ct_errname(errno) : "0",
        rem.tv_sec >= 1 && rem.tv_sec < 2 ? "yes" : "no");
    setitimer(ITIMER_REAL, &it, NULL);
    r = pause();
    say("pause: %d %s\n", r, ct_errname(errno));
    return 0;
}
