// SPDX-License-Identifier: MIT
// ioprio_get/ioprio_set: a per-thread I/O priority that children and new threads inherit and
// exec keeps. Aramid's block layer does not schedule by it (LINUX-DIVERGENCE: no effect on I/O
// order). linux: block/ioprio.c.
#include "abi/linux/uapi.h"
#include "core/process_table.h"
#include "syscalls/handlers.h"

namespace {

// linux: IOPRIO_DEFAULT, what a thread that never set a priority counts as in comparisons.
constexpr u16 kDefault = IOPRIO_PRIO_VALUE(IOPRIO_CLASS_BE, IOPRIO_BE_NORM);

int prio_class(int ioprio) { return IOPRIO_PRIO_CLASS(ioprio); }

// linux: ioprio_check_cap(). Only the low three bits of the data are a level.
Result<void> check_value(int ioprio) {
    switch (prio_class(ioprio)) {
    case IOPRIO_CLASS_RT: {
        const Credentials& c = current_process()->creds;
        if (!c.has_cap(CAP_SYS_NICE) && !c.has_cap(CAP_SYS_ADMIN)) return Error(EPERM);
        return {};
    }
    case IOPRIO_CLASS_BE:
    case IOPRIO_CLASS_IDLE:
        return {};
    case IOPRIO_CLASS_NONE:
        if (ioprio & 7) return Error(EINVAL);
        return {};
    default:
        return Error(EINVAL);
    }
}

// linux: set_task_ioprio(): the target's real uid must be the caller's real or effective uid.
Result<void> set_thread(Thread& t, u16 ioprio) {
    const Credentials& me = current_process()->creds;
    const Credentials& them = t.process->creds;
    if (them.uid != me.euid && them.uid != me.uid && !me.has_cap(CAP_SYS_NICE)) return Error(EPERM);
    t.ioprio = ioprio;
    return {};
}

// linux: ioprio_best(): the higher priority (lower value), unset counting as the default.
int best(int a, int b) {
    auto norm = [](int v) { return prio_class(v) == IOPRIO_CLASS_NONE ? kDefault : v; };
    return min(norm(a), norm(b));
}

// fn(Thread&) for each thread the (which, who) pair names, tree lock held; false stops.
// ESRCH when none matched, EINVAL for an unknown which.
template <typename Fn>
Result<void> for_each_target(int which, int who, Fn fn) {
    SpinlockGuard g(g_process_tree_lock);
    bool found = false;
    switch (which) {
    case IOPRIO_WHO_PROCESS: {
        Thread* t = who == 0 ? current_thread() : thread_find_locked(who);
        if (!t || !t->process) return Error(ESRCH);
        fn(*t);
        return {};
    }
    case IOPRIO_WHO_PGRP:
    case IOPRIO_WHO_USER: {
        Process* me = current_process();
        int key = who != 0 ? who : (which == IOPRIO_WHO_PGRP ? me->pgid : static_cast<int>(me->creds.uid));
        bool stop = false;
        for_each_process_locked([&](Process& p) {
            if (stop || p.zombie) return;
            int v = which == IOPRIO_WHO_PGRP ? p.pgid : static_cast<int>(p.creds.uid);
            if (v != key) return;
            for (Thread& t : p.threads) {
                found = true;
                if (!fn(t)) { stop = true; return; }
            }
        });
        if (!found) return Error(ESRCH);
        return {};
    }
    default:
        return Error(EINVAL);
    }
}

}  // namespace

SyscallResult sys_ioprio_get(int which, int who) {
    int result = -1;
    TRY(for_each_target(which, who, [&](Thread& t) {
        result = result < 0 ? (which == IOPRIO_WHO_PROCESS ? t.ioprio : best(t.ioprio, t.ioprio)) : best(result, t.ioprio);
        return true;
    }));
    return result;
}

SyscallResult sys_ioprio_set(int which, int who, int ioprio) {
    TRY(check_value(ioprio));
    Result<void> r{};
    TRY(for_each_target(which, who, [&](Thread& t) {
        r = set_thread(t, static_cast<u16>(ioprio));
        return !r.is_error();
    }));
    TRY(r);
    return 0;
}
