// SPDX-License-Identifier: MIT
// process_madvise and process_mrelease (man 2; linux: mm/madvise.c, mm/oom_kill.c): advice to
// another process's memory through a pidfd, and reaping the memory of one that is dying. Only
// the non-destructive advice is accepted (COLD, PAGEOUT, WILLNEED, COLLAPSE), under ptrace's read
// rule and CAP_SYS_NICE. Without swap or huge pages they change nothing but are checked as
// madvise(2) checks them.
#include "abi/linux/uapi.h"
#include "core/credentials.h"
#include "core/process.h"
#include "ipc/pidfd.h"
#include "mm/address_space.h"
#include "syscalls/fs_iov.h"
#include "syscalls/handlers.h"

namespace {

bool remote_advice_valid(int behavior) {
    return behavior == MADV_COLD || behavior == MADV_PAGEOUT || behavior == MADV_WILLNEED || behavior == MADV_COLLAPSE;
}

// linux: do_madvise() for one range of another address space.
Result<void> advise_range(AddressSpace& mm, uptr start, usize length, int behavior) {
    if (start & (kPageSize - 1)) return Error(EINVAL);
    usize len = align_up(length, kPageSize);
    if (length && !len) return Error(EINVAL);
    uptr end = start + len;
    if (end < start) return Error(EINVAL);
    if (end == start) return {};
    // LINUX-DIVERGENCE: no transparent huge pages, so MADV_COLLAPSE finds nothing to collapse
    // and fails as Linux does for a range no huge page fits in.
    if (behavior == MADV_COLLAPSE) return Error(EINVAL);
    return mm.advise(start, end, behavior);
}

}  // namespace

SyscallResult sys_process_madvise(int pidfd, UserPtr<const void> vec, usize vlen, int behavior, u32 flags) {
    if (flags) return Error(EINVAL);
    IoVector v;
    TRY(v.import(vec.addr(), vlen));
    TaskRefs t = TRY(pidfd_task(pidfd));
    if (!remote_advice_valid(behavior)) return Error(EINVAL);
    // linux: mm_access(): no memory is ESRCH, someone else's without ptrace's right EACCES.
    if (!t.mm) return Error(ESRCH);
    if (t.mm != current_process()->mm && !task_may_access(*current_process(), *t.process)) return Error(EACCES);
    if (!capable(CAP_SYS_NICE)) return Error(EPERM);
    usize done = 0;
    for (usize i = 0; i < v.count(); i++) {
        Result<void> r = advise_range(*t.mm, v[i].base, v[i].len, behavior);
        if (r.is_error()) {
            if (done) return done;
            return r.error();
        }
        done += v[i].len;
    }
    return done;
}

SyscallResult sys_process_mrelease(int pidfd, u32 flags) {
    if (flags) return Error(EINVAL);
    TaskRefs t = TRY(pidfd_task(pidfd));
    if (!t.mm) return Error(ESRCH);
    // linux: only a process that is already dying (its memory about to go) can be reaped early;
    // here its memory goes at exit itself, so a dying one has nothing left to wait for.
    if (!t.process->group_exiting && !t.process->exiting) return Error(EINVAL);   // task_will_free_mem()
    return 0;
}
