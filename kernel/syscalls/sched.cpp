// SPDX-License-Identifier: MIT
// Scheduling parameters as Linux reports them for SCHED_OTHER tasks, nice values, CPU affinity,
// personality.
#include "abi/linux/uapi.h"
#include "core/percpu.h"
#include "core/process_table.h"
#include "syscalls/handlers.h"
#include "syscalls/sched_target.h"

Result<Process*> sched_target(int pid) {
    if (pid < 0) return Error(EINVAL);
    if (pid == 0) return current_process();
    SpinlockGuard g(g_process_tree_lock);
    Thread* t = thread_find_locked(pid);
    if (!t || !t->process) return Error(ESRCH);
    return t->process;
}

namespace {

// The affinity calls look the id up without checking its sign first: -1 is just not found.
Result<Process*> affinity_target(int pid) { return sched_target(pid < 0 ? INT32_MAX : pid); }

}  // namespace

SyscallResult sys_sched_getaffinity(int pid, usize len, UserPtr<u64> mask) {
    // The kernel's cpumask is nr_cpu_ids bits, rounded up to longs: len must hold it.
    usize need = ((cpu_count() + 63) / 64) * 8;
    if (len < need || (len & 7)) return Error(EINVAL);
    TRY(affinity_target(pid));
    u64 bits = cpu_count() >= 64 ? ~0ull : (1ull << cpu_count()) - 1;
    TRY(copy_to_user(mask, bits));
    return static_cast<i64>(need);
}

SyscallResult sys_sched_setaffinity(int pid, usize len, UserPtr<const u64> mask) {
    Process* p = TRY(affinity_target(pid));
    if (len < 8) return Error(EINVAL);
    u64 bits = TRY(copy_from_user(mask));
    // linux: check_same_owner(), else CAP_SYS_NICE.
    const Credentials& me = current_process()->creds;
    if (me.euid != p->creds.euid && me.euid != p->creds.uid && !me.has_cap(CAP_SYS_NICE)) return Error(EPERM);
    u64 online = cpu_count() >= 64 ? ~0ull : (1ull << cpu_count()) - 1;
    if (!(bits & online)) return Error(EINVAL);
    return 0;   // every thread may run on every CPU: one run queue
}

SyscallResult sys_sched_getscheduler(int pid) {
    Process* p = TRY(sched_target(pid));
    return p->sched_policy | (p->sched_reset_on_fork ? SCHED_RESET_ON_FORK : 0);
}

SyscallResult sys_sched_setscheduler(int pid, int policy, UserPtr<const int> param) {
    Process* p = TRY(sched_target(pid));
    int prio = TRY(copy_from_user(param));
    bool reset = policy & SCHED_RESET_ON_FORK;
    policy &= ~SCHED_RESET_ON_FORK;
    if (policy != SCHED_NORMAL && policy != SCHED_BATCH && policy != SCHED_IDLE) {
        if (policy == SCHED_FIFO || policy == SCHED_RR) return Error(EPERM);   // no real-time classes
        return Error(EINVAL);
    }
    if (prio != 0) return Error(EINVAL);
    TRY(sched_may_change(*p, policy, p->nice, reset));
    p->sched_policy = policy;
    p->sched_reset_on_fork = reset;
    return 0;
}

SyscallResult sys_sched_getparam(int pid, UserPtr<int> param) {
    TRY(sched_target(pid));
    TRY(copy_to_user(param, 0));
    return 0;
}

SyscallResult sys_sched_setparam(int pid, UserPtr<const int> param) {
    TRY(sched_target(pid));
    int prio = TRY(copy_from_user(param));
    if (prio != 0) return Error(EINVAL);
    return 0;
}

SyscallResult sys_sched_get_priority_max(int policy) {
    if (policy == SCHED_FIFO || policy == SCHED_RR) return 99;
    if (policy == SCHED_NORMAL || policy == SCHED_BATCH || policy == SCHED_IDLE) return 0;
    return Error(EINVAL);
}

SyscallResult sys_sched_get_priority_min(int policy) {
    if (policy == SCHED_FIFO || policy == SCHED_RR) return 1;
    if (policy == SCHED_NORMAL || policy == SCHED_BATCH || policy == SCHED_IDLE) return 0;
    return Error(EINVAL);
}

SyscallResult sys_sched_rr_get_interval(int pid, UserPtr<void> tp) {
    TRY(sched_target(pid));
    struct __kernel_timespec ts{0, 0};   // SCHED_OTHER tasks report 0 (CFS has no fixed slice)
    TRY(copy_to_user(tp.addr(), &ts, sizeof(ts)));
    return 0;
}

SyscallResult sys_getcpu(UserPtr<u32> cpu, UserPtr<u32> node, UserPtr<void>) {
    u32 c = this_cpu()->id;
    if (!cpu.is_null()) TRY(copy_to_user(cpu, c));
    if (!node.is_null()) TRY(copy_to_user(node, 0u));
    return 0;
}

// Nice values: the kernel ABI returns 20 - nice from getpriority so the result is never negative.
SyscallResult sys_getpriority(int which, int who) {
    if (which != PRIO_PROCESS && which != PRIO_PGRP && which != PRIO_USER) return Error(EINVAL);
    Process* self = current_process();
    int best = -100;
    SpinlockGuard g(g_process_tree_lock);
    for_each_process_locked([&](Process& p) {
        if (p.zombie) return;
        bool match = which == PRIO_PROCESS ? p.pid == (who ? who : self->pid)
                     : which == PRIO_PGRP  ? p.pgid == (who ? who : self->pgid)
                                           : p.creds.uid == static_cast<u32>(who ? who : static_cast<int>(self->creds.uid));
        if (match) best = max(best, 20 - p.nice);
    });
    if (best == -100) return Error(ESRCH);
    return best;
}

SyscallResult sys_setpriority(int which, int who, int niceval) {
    if (which != PRIO_PROCESS && which != PRIO_PGRP && which != PRIO_USER) return Error(EINVAL);
    Process* self = current_process();
    niceval = min(max(niceval, -20), 19);
    bool found = false;
    int err = 0;
    SpinlockGuard g(g_process_tree_lock);
    for_each_process_locked([&](Process& p) {
        if (p.zombie) return;
        bool match = which == PRIO_PROCESS ? p.pid == (who ? who : self->pid)
                     : which == PRIO_PGRP  ? p.pgid == (who ? who : self->pgid)
                                           : p.creds.uid == static_cast<u32>(who ? who : static_cast<int>(self->creds.uid));
        if (!match) return;
        found = true;
        // linux: set_one_prio(): another user's process needs CAP_SYS_NICE, lowering nice
        // can_nice().
        if (self->creds.euid != p.creds.uid && self->creds.euid != p.creds.euid && !self->creds.has_cap(CAP_SYS_NICE)) {
            err = EPERM;
            return;
        }
        if (niceval < p.nice && !can_nice(p, niceval)) {
            err = EACCES;
            return;
        }
        p.nice = niceval;
    });
    if (!found) return Error(ESRCH);
    if (err) return Error(err);
    return 0;
}

SyscallResult sys_personality(u32 persona) {
    Process* p = current_process();
    u32 old = p->personality;
    if (persona != 0xffffffffu) p->personality = persona;
    return old;
}
