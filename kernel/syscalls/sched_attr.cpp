// SPDX-License-Identifier: MIT
// sched_setattr/sched_getattr (man 2 sched_setattr): the extensible struct sched_attr, with
// Linux's size protocol. Only the non-real-time classes exist here (SCHED_FIFO/RR/DEADLINE are
// refused as sched_setscheduler refuses them), so the parameters are a policy and a nice value.
// linux: kernel/sched/core.c (sched_copy_attr, __sched_setscheduler, sys_sched_getattr).
#include "abi/linux/uapi.h"
#include "syscalls/handlers.h"
#include "syscalls/sched_target.h"

namespace {

static_assert(sizeof(sched_attr) == SCHED_ATTR_SIZE_VER1);
constexpr usize kMaxAttrSize = 4096;   // PAGE_SIZE
constexpr int kKeepPolicy = -1;        // linux: SETPARAM_POLICY

bool fair_policy(int policy) { return policy == SCHED_NORMAL || policy == SCHED_BATCH || policy == SCHED_IDLE; }

// linux: sched_copy_attr(). A size the kernel cannot take is answered with E2BIG and its own
// size written back; bytes past the kernel's struct must be zero.
Result<sched_attr> copy_attr(UserPtr<void> uattr) {
    sched_attr attr{};
    u32 size = TRY(copy_from_user(uattr.cast<const u32>()));
    if (size == 0) size = SCHED_ATTR_SIZE_VER0;
    bool fits = size >= SCHED_ATTR_SIZE_VER0 && size <= kMaxAttrSize;
    if (fits) {
        TRY(copy_from_user(&attr, uattr.addr(), min<usize>(size, sizeof(attr))));
        for (usize off = sizeof(attr); off < size && fits; off++) {
            u8 b = TRY(copy_from_user(UserPtr<const u8>(uattr.addr() + off)));
            fits = b == 0;
        }
    }
    if (!fits) {
        TRY(copy_to_user(uattr.cast<u32>(), u32(sizeof(attr))));
        return Error(E2BIG);
    }
    if ((attr.sched_flags & SCHED_FLAG_UTIL_CLAMP) && size < SCHED_ATTR_SIZE_VER1) return Error(EINVAL);
    attr.sched_nice = min(max(attr.sched_nice, -20), 19);
    return attr;
}

}  // namespace

bool can_nice(const Process& p, int nice) {
    return static_cast<u64>(20 - nice) <= p.rlimits[RLIMIT_NICE].cur || capable(CAP_SYS_NICE);
}

Result<void> sched_may_change(const Process& p, int policy, int nice, bool reset_on_fork) {
    const Credentials& me = current_process()->creds;
    if (me.has_cap(CAP_SYS_NICE)) return {};
    bool ok = !(nice < p.nice && !can_nice(p, nice));
    // SCHED_IDLE counts as nice 20: leaving it needs what lowering nice to the current value needs.
    if (p.sched_policy == SCHED_IDLE && policy != SCHED_IDLE && !can_nice(p, p.nice)) ok = false;
    if (me.euid != p.creds.euid && me.euid != p.creds.uid) ok = false;
    if (p.sched_reset_on_fork && !reset_on_fork) ok = false;
    if (!ok) return Error(EPERM);
    return {};
}

SyscallResult sys_sched_setattr(int pid, UserPtr<void> uattr, u32 flags) {
    if (uattr.addr() == 0 || pid < 0 || flags) return Error(EINVAL);
    sched_attr attr = TRY(copy_attr(uattr));
    int policy = static_cast<int>(attr.sched_policy);
    if (policy < 0) return Error(EINVAL);
    if (attr.sched_flags & SCHED_FLAG_KEEP_POLICY) policy = kKeepPolicy;
    Process* p = TRY(sched_target(pid));
    if (attr.sched_flags & SCHED_FLAG_KEEP_PARAMS) {
        attr.sched_nice = p->nice;
        attr.sched_priority = 0;
    }
    bool reset = attr.sched_flags & SCHED_FLAG_RESET_ON_FORK;
    if (policy == kKeepPolicy) {
        policy = p->sched_policy;
        reset = p->sched_reset_on_fork;
    } else if (!fair_policy(policy) && policy != SCHED_FIFO && policy != SCHED_RR && policy != SCHED_DEADLINE) {
        return Error(EINVAL);
    }
    if (attr.sched_flags & ~u64(SCHED_FLAG_ALL)) return Error(EINVAL);
    if (attr.sched_priority > 99) return Error(EINVAL);
    bool rt = policy == SCHED_FIFO || policy == SCHED_RR;
    // SCHED_DEADLINE needs runtime <= deadline <= period, none of them zero: never met here
    // with the checks Aramid would need to honour them, so it is refused as invalid when empty.
    if (policy == SCHED_DEADLINE && attr.sched_deadline == 0) return Error(EINVAL);
    if (rt != (attr.sched_priority != 0)) return Error(EINVAL);
    if (!fair_policy(policy)) return Error(EPERM);   // LINUX-DIVERGENCE: no real-time classes
    TRY(sched_may_change(*p, policy, attr.sched_nice, reset));
    if (attr.sched_flags & SCHED_FLAG_UTIL_CLAMP) return Error(EOPNOTSUPP);   // no CONFIG_UCLAMP_TASK
    p->sched_policy = policy;
    p->sched_reset_on_fork = reset;
    p->nice = attr.sched_nice;
    return 0;
}

SyscallResult sys_sched_getattr(int pid, UserPtr<void> uattr, u32 size, u32 flags) {
    if (uattr.addr() == 0 || pid < 0 || size > kMaxAttrSize || size < SCHED_ATTR_SIZE_VER0 || flags)
        return Error(EINVAL);
    Process* p = TRY(sched_target(pid));
    sched_attr attr{};
    attr.size = min<u32>(size, sizeof(attr));
    attr.sched_policy = static_cast<u32>(p->sched_policy);
    attr.sched_flags = p->sched_reset_on_fork ? SCHED_FLAG_RESET_ON_FORK : 0;
    attr.sched_nice = p->nice;
    TRY(copy_to_user(uattr.addr(), &attr, attr.size));
    return 0;
}
