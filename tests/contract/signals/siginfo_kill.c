// SPDX-License-Identifier: MIT
// SA_SIGINFO fields for kill (SI_USER), sigqueue (SI_QUEUE + value), tgkill (SI_TKILL), and from another uid.
#include "contract.h"
#include <sys/syscall.h>

static siginfo_t last;
static void h(int s, siginfo_t *si, void *uc) { (void)s; (void)uc; last = *si; }
static const char *code(int c)
{
    return c == SI_USER ? "SI_USER" : c == SI_QUEUE ? "SI_QUEUE" : c == SI_TKILL ? "SI_TKILL" : c == SI_KERNEL ? "SI_KERNEL" : "other";
}
static void show(const char *w, pid_t pid, uid_t uid)
{
    say("%s: signo=%s code=%s pid_ok=%d uid_ok=%d errno=%d\n", w, ct_signame(last.si_signo), code(last.si_code),
        last.si_pid == pid, last.si_uid == uid, last.si_errno);
}

int main(void)
{
    struct sigaction sa = {0};
    sa.sa_sigaction = h;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGRTMIN, &sa, NULL);
    kill(getpid(), SIGUSR1);
    show("kill", getpid(), 0);
    union sigval v = {.sival_int = 1234};
    RET(sigqueue(getpid(), SIGRTMIN, v));
    show("sigqueue", getpid(), 0);
    say("value: %d\n", last.si_value.sival_int);
    syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGUSR1);
    show("tgkill", getpid(), 0);
    raise(SIGUSR1);
    show("raise", getpid(), 0);
    int p[2];
    pipe(p);
    pid_t me = getpid();
    setresuid(1000, 0, 0); // real uid 1000 lets a uid-1000 child signal us
    pid_t pid = fork();
    if (pid == 0) {
        setresuid(1000, 1000, 1000);
        kill(me, SIGUSR1);
        _exit(0);
    }
    ct_wait(pid);
    show("kill from uid 1000 child", pid, 1000);
    setresuid(0, 0, 0);
    siginfo_t fake = {0};
    fake.si_code = SI_KERNEL;
    RET(syscall(SYS_rt_sigqueueinfo, getpid(), SIGUSR1, &fake));
    fake.si_code = -60;
    RET(syscall(SYS_rt_sigqueueinfo, getpid(), SIGUSR1, &fake));
    say("code from rt_sigqueueinfo: %d\n", last.si_code);
    RET(sigqueue(getpid(), 99, v));
    RET(sigqueue(99999999, SIGUSR1, v));
    return 0;
}
