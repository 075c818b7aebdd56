// SPDX-License-Identifier: MIT
// The sched_* calls and getcpu take a thread id (0 = the caller): they work on another live
// thread of the process and give ESRCH for a tid that does not exist.
#include "contract.h"
#include "glibc_futex.h"
#include <pthread.h>
#include <sched.h>
#include <sys/syscall.h>

static int ready[2], gate[2];
static volatile pid_t other;

static void *worker(void *arg)
{
    (void)arg;
    other = (pid_t)syscall(SYS_gettid);
    ct_sync_post(ready);
    char c;
    read(gate[0], &c, 1);
    return NULL;
}

int main(void)
{
    glibc_needs_futex();
    pipe(ready);
    pipe(gate);
    pthread_t t;
    pthread_create(&t, NULL, worker, NULL);
    ct_sync_wait(ready);
    cpu_set_t set;
    CPU_ZERO(&set);
    OK(sched_getaffinity(other, sizeof set, &set));
    FACT("other thread may run on cpu 0", CPU_ISSET(0, &set));
    OK(sched_setaffinity(other, sizeof set, &set));
    OK(sched_getaffinity(0, sizeof set, &set));
    RET(syscall(SYS_sched_getscheduler, other));   // musl's wrappers do not make these calls
    struct sched_param sp;
    RET(syscall(SYS_sched_getparam, other, &sp));
    RET(sched_getaffinity(999999, sizeof set, &set));
    RET(syscall(SYS_sched_getscheduler, 999999));
    RET(syscall(SYS_sched_setaffinity, -1, sizeof set, &set));
    unsigned cpu = 99, node = 99;
    RET(syscall(SYS_getcpu, &cpu, &node, NULL));
    FACT("cpu valid", cpu < 64 && node == 0);
    close(gate[1]);
    pthread_join(t, NULL);
    return 0;
}
