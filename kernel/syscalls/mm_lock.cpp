// SPDX-License-Identifier: MIT
// mlock, mlock2, munlock, mlockall, munlockall: locking a range populates it and counts it in
// VmLck; RLIMIT_MEMLOCK bounds it for processes without CAP_IPC_LOCK.
#include "abi/linux/uapi.h"
#include "core/process.h"
#include "mm/address_space.h"
#include "syscalls/handlers.h"
#include "syscalls/mm_file.h"

namespace {
constexpr u32 kMlockOnFault = 0x01;   // MLOCK_ONFAULT (linux/mman.h keeps it out of the UAPI for x86)
constexpr int kMclCurrent = 1, kMclFuture = 2, kMclOnFault = 4;

Process& proc() { return *current_process(); }
bool can_ipc_lock() { return capable(CAP_IPC_LOCK); }
u64 memlock_limit_pages() { return proc().rlimits[RLIMIT_MEMLOCK].cur / kPageSize; }

// Linux's mlock errors from populating: a range that faults (EFAULT) is ENOMEM, no memory EAGAIN.
Error populate_error(int e) { return Error(e == ENOMEM ? EAGAIN : ENOMEM); }

Result<void> do_mlock(u64 addr, usize length) {
    if (!can_ipc_lock() && memlock_limit_pages() == 0) return Error(EPERM);
    u64 start = align_down(addr, kPageSize);
    u64 len = align_up(length + (addr - start), kPageSize);
    u64 end = start + len;
    if (end < start) return Error(EINVAL);
    if (end == start) return {};
    AddressSpace& mm = *proc().mm;
    if (!can_ipc_lock()) {
        u64 locked = len / kPageSize + mm.locked_pages() - mm.locked_pages_in(start, end);
        if (locked > memlock_limit_pages()) return Error(ENOMEM);
    }
    TRY(mm.set_locked(start, end, true));
    auto r = mm.populate(start, end);
    if (r.is_error()) return populate_error(r.error_code());
    return {};
}
}  // namespace

Result<void> mmap_lock_check(usize length) {
    if (can_ipc_lock()) return {};
    u64 pages = align_up(length, kPageSize) / kPageSize;
    if (pages + proc().mm->locked_pages() > memlock_limit_pages()) return Error(EAGAIN);
    return {};
}

SyscallResult sys_mlock(u64 addr, usize length) {
    TRY(do_mlock(addr, length));
    return 0;
}

SyscallResult sys_mlock2(u64 addr, usize length, Flags flags) {
    if (flags.value & ~u64(kMlockOnFault)) return Error(EINVAL);
    TRY(do_mlock(addr, length));
    return 0;
}

SyscallResult sys_munlock(u64 addr, usize length) {
    u64 start = align_down(addr, kPageSize);
    u64 end = start + align_up(length + (addr - start), kPageSize);
    if (end < start) return Error(EINVAL);
    if (end == start) return 0;
    TRY(proc().mm->set_locked(start, end, false));
    return 0;
}

SyscallResult sys_mlockall(int flags) {
    if (!flags || (flags & ~(kMclCurrent | kMclFuture | kMclOnFault)) || flags == kMclOnFault) return Error(EINVAL);
    if (!can_ipc_lock() && memlock_limit_pages() == 0) return Error(EPERM);
    AddressSpace& mm = *proc().mm;
    if ((flags & kMclCurrent) && !can_ipc_lock()) {
        usize total = 0;
        mm.for_each_vma([&](const Vma& v) { total += (v.end - v.start) / kPageSize; });
        if (total > memlock_limit_pages()) return Error(ENOMEM);
    }
    TRY(mm.set_all_locked(flags & kMclCurrent, flags & kMclFuture));
    return 0;
}

SyscallResult sys_munlockall() {
    TRY(proc().mm->set_all_locked(false, false));
    return 0;
}
