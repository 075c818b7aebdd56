// SPDX-License-Identifier: MIT
// Handlers interrupting blocking calls: wait, pipe write, select and poll return EINTR; sleep reports time left.
#include "contract.h"
#include <poll.h>
#include <sys/select.h>
#include <sys/time.h>

static void h(int s) { (void)s; }
static void arm(int ms) { struct itimerval it = {{0, 0}, {0, ms * 1000}}; setitimer(ITIMER_REAL, &it, NULL); }

int main(void)
{
    struct sigaction sa = {0};
    sa.sa_handler = h;
    sigaction(SIGALRM, &sa, NULL);
    pid_t pid = fork();
    if (pid == 0) { ct_msleep(1000); _exit(0); }
    arm(50);
    int st;
    RET(waitpid(pid, &st, 0));
    kill(pid, SIGKILL);
    waitpid(pid, &st, 0);
    int p[2];
    pipe(p);
    static char buf[200000];
    arm(50);
    RET(write(p[1], buf, sizeof buf));
    arm(50);
    RET(write(p[1], buf, sizeof buf));
    int q[2];
    pipe(q);
    fd_set rs;
    FD_ZERO(&rs);
    FD_SET(q[0], &rs);
    arm(50);
    RET(select(q[0] + 1, &rs, NULL, NULL, NULL));
    struct pollfd pfd = {q[0], POLLIN, 0};
    arm(50);
    RET(poll(&pfd, 1, 5000));
    arm(50);
    unsigned left = sleep(3);
    say("sleep left 2 or 3: %s\n", left >= 2 && left <= 3 ? "yes" : "no");
    char c;
    arm(50);
    RET(read(q[0], &c, 1));
    return 0;
}
