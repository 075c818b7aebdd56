// SPDX-License-Identifier: MIT
// POSIX timers: overrun counts, SIGEV_NONE, SIGEV_THREAD_ID, absolute and CPU-time timers, fork and exec, errors.
#include "contract.h"
#include <stdint.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static long long now_ns(clockid_t c)
{
    struct timespec t;
    clock_gettime(c, &t);
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static struct timespec ts_of(long long ns) { return (struct timespec){ns / 1000000000LL, ns % 1000000000LL}; }

static volatile int cpu_fired;
static void on_cpu(int s) { (void)s; cpu_fired = 1; }

static int make(clockid_t c, int notify, int sig, timer_t *t)
{
    struct sigevent ev = {0};
    ev.sigev_notify = notify;
    ev.sigev_signo = sig;
    ev.sigev_value.sival_int = 4321;
    return timer_create(c, &ev, t);
}

int main(int argc, char **argv)
{
    if (argc > 2) {   // after exec: the timer is gone
        timer_t t = (timer_t)(intptr_t)atoi(argv[2]);
        struct itimerspec cur;
        _exit(timer_gettime(t, &cur) == -1 && errno == EINVAL ? 0 : 1);
    }
    int sig = SIGRTMIN + 2;
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, sig);
    sigaddset(&s, SIGALRM);
    sigprocmask(SIG_BLOCK, &s, NULL);

    // Overruns: a blocked periodic timer has one signal out; the periods missed meanwhile are
    // its si_overrun, and timer_getoverrun reports the same once the signal is taken.
    timer_t t;
    RET(make(CLOCK_MONOTONIC, SIGEV_SIGNAL, sig, &t));
    RET(timer_getoverrun(t));
    struct itimerspec per = {{0, 5000000}, {0, 5000000}};
    RET(timer_settime(t, 0, &per, NULL));
    ct_msleep(80);
    RET(timer_getoverrun(t));
    siginfo_t si;
    RET(sigwaitinfo(&s, &si) == sig);
    int ovr = timer_getoverrun(t);
    say("code timer: %d value: %d overrun >= 10: %d getoverrun same: %d timerid ok: %d\n", si.si_code == SI_TIMER, si.si_value.sival_int,
        si.si_overrun >= 10, ovr == si.si_overrun, si.si_timerid >= 0);
    // Re-armed by that dequeue: the next signal comes one period later.
    RET(sigwaitinfo(&s, &si) == sig);
    struct itimerspec cur;
    RET(timer_gettime(t, &cur));
    say("next within interval: %d\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0 && cur.it_value.tv_nsec <= 5000000);
    struct itimerspec off = {{0, 0}, {0, 0}};
    RET(timer_settime(t, 0, &off, NULL));
    RET(timer_getoverrun(t));
    RET(timer_delete(t));

    // SIGEV_NONE: counts down, reports 0 once a one-shot expiry passed, never signals.
    timer_t n;
    RET(make(CLOCK_MONOTONIC, SIGEV_NONE, 0, &n));
    struct itimerspec shot = {{0, 0}, {0, 20000000}};
    RET(timer_settime(n, 0, &shot, NULL));
    RET(timer_gettime(n, &cur));
    say("none counting: %d\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0 && cur.it_value.tv_nsec <= 20000000);
    ct_msleep(40);
    RET(timer_gettime(n, &cur));
    say("none expired: %ld.%09ld\n", (long)cur.it_value.tv_sec, cur.it_value.tv_nsec);
    RET(timer_settime(n, 0, &per, NULL));
    ct_msleep(20);
    RET(timer_gettime(n, &cur));
    say("none periodic within interval: %d\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0 && cur.it_value.tv_nsec <= 5000000);
    RET(timer_delete(n));

    // What the periodic timer queued before it was stopped depends on timing (deleting a timer
    // leaves its queued signal pending, on Linux too): take it now.
    struct timespec zero = {0, 0};
    while (sigtimedwait(&s, &si, &zero) > 0) {
    }

    // SIGEV_THREAD_ID: to a thread of this process only (raw syscalls: libcs differ in naming
    // the thread-id field).
    struct { union sigval value; int signo, notify, tid, pad[11]; } kev = {{.sival_int = 77}, sig, SIGEV_THREAD_ID, 999999, {0}};
    int th = -1;
    RET(syscall(SYS_timer_create, CLOCK_MONOTONIC, &kev, &th));
    kev.tid = 1;
    RET(syscall(SYS_timer_create, CLOCK_MONOTONIC, &kev, &th));
    kev.tid = (int)syscall(SYS_gettid);
    RET(syscall(SYS_timer_create, CLOCK_MONOTONIC, &kev, &th));
    struct itimerspec soon = {{0, 0}, {0, 1000000}};
    RET(syscall(SYS_timer_settime, th, 0, &soon, NULL));
    RET(sigwaitinfo(&s, &si) == sig);
    say("thread timer: code timer %d value %d timerid ok %d\n", si.si_code == SI_TIMER, si.si_value.sival_int, si.si_timerid == th);
    RET(syscall(SYS_timer_delete, th));

    // Absolute expiry (already passed: fires at once) and no sigevent (SIGALRM).
    timer_t a;
    RET(timer_create(CLOCK_MONOTONIC, NULL, &a));
    struct itimerspec past = {{0, 0}, ts_of(now_ns(CLOCK_MONOTONIC) - 1000000)};
    RET(timer_settime(a, TIMER_ABSTIME, &past, NULL));
    RET(sigwaitinfo(&s, &si) == SIGALRM);
    say("default event: code timer %d\n", si.si_code == SI_TIMER);
    long long start = now_ns(CLOCK_MONOTONIC);
    struct itimerspec ahead = {{0, 0}, ts_of(start + 30000000)};
    RET(timer_settime(a, TIMER_ABSTIME, &ahead, NULL));
    RET(sigwaitinfo(&s, &si) == SIGALRM);
    say("absolute waited >= 30ms: %d\n", now_ns(CLOCK_MONOTONIC) - start >= 30000000);
    RET(timer_delete(a));
    timer_t rta;
    RET(make(CLOCK_REALTIME, SIGEV_SIGNAL, sig, &rta));
    struct itimerspec rahead = {{0, 0}, ts_of(now_ns(CLOCK_REALTIME) + 20000000)};
    RET(timer_settime(rta, TIMER_ABSTIME, &rahead, NULL));
    RET(sigwaitinfo(&s, &si) == sig);
    RET(timer_delete(rta));

    // CPU time: fires only after the process has used that much CPU.
    struct sigaction sa = {0};
    sa.sa_handler = on_cpu;
    sigaction(SIGUSR1, &sa, NULL);
    timer_t c;
    RET(make(CLOCK_PROCESS_CPUTIME_ID, SIGEV_SIGNAL, SIGUSR1, &c));
    long long cpu0 = now_ns(CLOCK_PROCESS_CPUTIME_ID);
    struct itimerspec cpu = {{0, 0}, {0, 200000000}};
    RET(timer_settime(c, 0, &cpu, NULL));
    ct_msleep(50);
    say("cpu timer after sleeping: %d\n", cpu_fired);
    while (!cpu_fired) {}
    say("cpu timer after spinning >= 200ms cpu: %d\n", now_ns(CLOCK_PROCESS_CPUTIME_ID) - cpu0 >= 200000000);
    RET(timer_delete(c));
    timer_t tc;
    RET(make(CLOCK_THREAD_CPUTIME_ID, SIGEV_NONE, 0, &tc));
    RET(timer_delete(tc));

    // Not inherited by fork; deleted by exec.
    timer_t keep;
    RET(make(CLOCK_MONOTONIC, SIGEV_SIGNAL, sig, &keep));
    pid_t pid = fork();
    if (pid == 0) {
        _exit(timer_gettime(keep, &cur) == -1 && errno == EINVAL ? 0 : 1);
    }
    say("fork child has no timer: %s\n", ct_wait(pid));
    pid = fork();
    if (pid == 0) {
        timer_t mine;
        make(CLOCK_MONOTONIC, SIGEV_NONE, 0, &mine);
        char buf[32];
        snprintf(buf, sizeof buf, "%d", (int)(intptr_t)mine);
        ct_exec_self("exec", buf);
        _exit(2);
    }
    say("exec'd child has no timer: %s\n", ct_wait(pid));
    RET(timer_gettime(keep, &cur));

    // Errors.
    RET(make(CLOCK_MONOTONIC, 99, sig, &t));
    RET(make(CLOCK_MONOTONIC, SIGEV_SIGNAL, 0, &t));
    RET(make(CLOCK_MONOTONIC, SIGEV_SIGNAL, 65, &t));
    RET(make(CLOCK_MONOTONIC_RAW, SIGEV_SIGNAL, sig, &t));
    RET(make(CLOCK_MONOTONIC_COARSE, SIGEV_SIGNAL, sig, &t));
    RET(make(12, SIGEV_SIGNAL, sig, &t));
    RET(make(CLOCK_REALTIME_ALARM, SIGEV_SIGNAL, sig, &t));
    RET(timer_delete(t));
    RET(make(CLOCK_BOOTTIME_ALARM, SIGEV_NONE, sig, &t));
    RET(timer_delete(t));
    RET(syscall(SYS_timer_create, CLOCK_MONOTONIC, (void *)1, &t));
    RET(syscall(SYS_timer_settime, (int)(intptr_t)keep, 0, NULL, NULL));
    struct itimerspec bad = {{0, -1}, {0, 1}};
    RET(timer_settime(keep, 0, &bad, NULL));
    RET(syscall(SYS_timer_gettime, 12345, &cur));
    RET(syscall(SYS_timer_getoverrun, 12345));
    RET(syscall(SYS_timer_delete, 12345));
    RET(timer_delete(keep));
    return 0;
}
