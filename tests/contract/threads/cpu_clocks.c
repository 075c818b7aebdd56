// SPDX-License-Identifier: MIT
// Per-thread CPU clocks: CLOCK_THREAD_CPUTIME_ID, pthread_getcpuclockid and
// clock_getcpuclockid ids of other threads and processes, getrusage(RUSAGE_THREAD), and the
// process clock that keeps the time of threads that have exited. Lower bounds only.
#include "contract.h"
#include "glibc_futex.h"
#include <pthread.h>
#include <sys/resource.h>
#include <sys/syscall.h>

static int done[2], gate[2];
static volatile pid_t burner_tid;

static double secs(clockid_t c)
{
    struct timespec ts;
    if (clock_gettime(c, &ts) != 0) return -1;
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void *burner(void *arg)
{
    (void)arg;
    burner_tid = (pid_t)syscall(SYS_gettid);
    while (secs(CLOCK_THREAD_CPUTIME_ID) < 0.2) {}
    struct rusage ru;
    getrusage(RUSAGE_THREAD, &ru);
    double own = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
    char ok = own >= 0.1;
    write(done[1], &ok, 1);
    char c;
    read(gate[0], &c, 1);
    return NULL;
}

// Linux's encoding, as glibc builds it: ~pid << 3 | per-thread 4 | CPUCLOCK_SCHED 2.
static clockid_t thread_clock(pid_t tid) { return (clockid_t)((~(unsigned)tid << 3) | 4 | 2); }
static clockid_t process_clock(pid_t pid, int which) { return (clockid_t)((~(unsigned)pid << 3) | which); }

int main(void)
{
    glibc_needs_futex();
    pipe(done);
    pipe(gate);
    struct timespec ts;
    RET(clock_getres(CLOCK_THREAD_CPUTIME_ID, &ts));
    say("thread clock res: %ld ns\n", ts.tv_nsec);
    RET(clock_getres(CLOCK_PROCESS_CPUTIME_ID, &ts));
    pthread_t t;
    pthread_create(&t, NULL, burner, NULL);
    char ok;
    ct_read_full(done[0], &ok, 1);
    FACT("RUSAGE_THREAD of the burner >= 0.1 s", ok);
    clockid_t cid;
    RET(pthread_getcpuclockid(t, &cid));
    double b = secs(cid);
    FACT("burner's clock through pthread_getcpuclockid >= 0.2 s", b >= 0.2);
    FACT("same through the raw thread id", secs(thread_clock(burner_tid)) >= 0.2);
    FACT("process clock >= burner", secs(CLOCK_PROCESS_CPUTIME_ID) >= b);
    RET(clock_getcpuclockid(getpid(), &cid));
    FACT("clock_getcpuclockid(getpid()) >= burner", secs(cid) >= b);
    FACT("PROF clock readable", secs(process_clock(getpid(), 0)) >= 0);
    FACT("VIRT clock readable", secs(process_clock(getpid(), 1)) >= 0);
    // The process clock named by a non-leader tid only works for the caller's own... not for
    // another thread's: Linux wants a process id there.
    errno = 0;
    RET(clock_gettime(process_clock(burner_tid, 2), &ts));
    RET(clock_gettime((clockid_t)((~0u << 3) | 3), &ts));   // CPUCLOCK_MAX: invalid
    RET(clock_getres((clockid_t)((~0u << 3) | 3), &ts));

    write(gate[1], "x", 1);
    // Join only once the thread is gone (the join itself then never sleeps).
    char path[64], st[64];
    snprintf(path, sizeof path, "/proc/self/task/%d/stat", burner_tid);
    for (int i = 0; i < 500 && ct_read_file(path, st, sizeof st) > 0; i++) ct_msleep(10);
    pthread_join(t, NULL);
    FACT("after join the process clock still counts it", secs(CLOCK_PROCESS_CPUTIME_ID) >= b);

    // Another process's clocks: its process clock yes, its thread clock no.
    pid_t child = fork();
    if (child == 0) {
        char c;
        read(gate[0], &c, 1);
        _exit(0);
    }
    RET(clock_getcpuclockid(child, &cid));
    OK(clock_gettime(cid, &ts));
    RET(clock_gettime(thread_clock(child), &ts));
    RET(clock_gettime(process_clock(999999, 2), &ts));
    write(gate[1], "x", 1);
    say("child: %s\n", ct_wait(child));
    struct rusage self, thr;
    getrusage(RUSAGE_SELF, &self);
    getrusage(RUSAGE_THREAD, &thr);
    FACT("RUSAGE_SELF >= 0.2 s", self.ru_utime.tv_sec + self.ru_utime.tv_usec / 1e6 + self.ru_stime.tv_sec +
                                     self.ru_stime.tv_usec / 1e6 >= 0.19);
    return 0;
}
