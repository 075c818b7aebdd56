// SPDX-License-Identifier: MIT
// waitpid: WNOHANG with running children, pid -1/0/-pgid selection, ECHILD, EINVAL flags, stopped children.
#include "contract.h"

int main(void)
{
    int st;
    RET(waitpid(-1, &st, WNOHANG));
    RET(wait(&st));
    int go[2];
    pipe(go);
    pid_t a = fork();
    if (a == 0) { ct_sync_wait(go); _exit(1); }
    RET(waitpid(-1, &st, WNOHANG));
    RET(waitpid(a, &st, 0x10));
    RET(waitpid(getpid(), &st, WNOHANG));
    pid_t b = fork();
    if (b == 0) { setpgid(0, 0); ct_msleep(20); _exit(2); }
    setpgid(b, b);
    pid_t r = waitpid(-b, &st, 0);
    say("waitpid(-pgid) got b: %s %s\n", r == b ? "yes" : "no", ct_status(st));
    ct_sync_post(go);
    r = waitpid(0, &st, 0);
    say("waitpid(0) got a: %s %s\n", r == a ? "yes" : "no", r > 0 ? ct_status(st) : ct_errname(errno));
    RET(waitpid(a, &st, 0));
    pid_t c = fork();
    if (c == 0) { raise(SIGSTOP); _exit(4); }
    r = waitpid(c, &st, WUNTRACED);
    say("stopped: %s\n", ct_status(st));
    RET(waitpid(c, &st, WNOHANG));
    RET(waitpid(c, &st, WUNTRACED | WNOHANG));
    kill(c, SIGKILL);
    waitpid(c, &st, 0);
    say("killed while stopped: %s\n", ct_status(st));
    RET(waitpid(-1, NULL, WNOHANG));
    return 0;
}
