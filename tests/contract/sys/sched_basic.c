// SPDX-License-Identifier: MIT
// Scheduler calls: policy/priority queries, affinity of one CPU, nice() limits, sched_setscheduler errors.
#include "contract.h"
#include <sched.h>
#include <sys/resource.h>

int main(void)
{
    RET(sched_yield());
    RET(sched_getscheduler(0));
    RET(sched_get_priority_min(SCHED_FIFO));
    RET(sched_get_priority_max(SCHED_FIFO));
    RET(sched_get_priority_max(SCHED_OTHER));
    RET(sched_get_priority_max(99));
    struct sched_param sp;
    RET(sched_getparam(0, &sp));
    say("priority: %d\n", sp.sched_priority);
    sp.sched_priority = 5;
    RET(sched_setscheduler(0, SCHED_OTHER, &sp));
    RET(sched_setscheduler(0, 99, &sp));
    cpu_set_t set;
    CPU_ZERO(&set);
    RET(sched_getaffinity(0, sizeof set, &set));
    say("cpus in mask: %d\n", CPU_COUNT(&set));
    CPU_ZERO(&set);
    RET(sched_setaffinity(0, sizeof set, &set));
    RET(sched_getscheduler(99999999));
    errno = 0;
    say("nice(5): %d\n", nice(5));
    say("getpriority: %d\n", getpriority(PRIO_PROCESS, 0));
    say("nice(100) clamps to: %d\n", nice(100));
    struct timespec ts;
    RET(sched_rr_get_interval(0, &ts));
    return 0;
}
