// SPDX-License-Identifier: MIT
// process_vm_readv/process_vm_writev: copies between the caller's memory and another process's,
// with ptrace's access rule. A transfer stops at the first remote page that cannot be reached
// (or local fault) and returns the bytes moved so far, or EFAULT when there are none.
// linux: mm/process_vm_access.c.
#include "fs/procfs/procfs.h"
#include "mm/kheap.h"
#include "syscalls/fs_iov.h"
#include "syscalls/handlers.h"
#include "syscalls/task_access.h"

namespace {

constexpr u64 kSsizeMax = ~0ull >> 1;

// The remote vector: only read and length-checked here (linux: iovec_from_user); its
// addresses belong to the other process and are checked as they are reached.
class RemoteVector {
public:
    ~RemoteVector() {
        if (m_vec != m_inline) kfree(m_vec);
    }
    Result<void> import(uptr uvec, u64 count) {
        if (count > kIovMax) return Error(EINVAL);
        if (count > sizeof(m_inline) / sizeof(m_inline[0])) {
            m_vec = static_cast<IoSegment*>(kmalloc(count * sizeof(IoSegment)));
            if (!m_vec) return Error(ENOMEM);
        }
        TRY(copy_from_user(m_vec, uvec, count * sizeof(IoSegment)));
        m_count = count;
        for (usize i = 0; i < count; i++) {
            if (m_vec[i].len > kSsizeMax) return Error(EINVAL);
            m_any |= m_vec[i].len != 0;
        }
        return {};
    }
    usize count() const { return m_count; }
    bool empty() const { return !m_any; }
    const IoSegment& operator[](usize i) const { return m_vec[i]; }

private:
    IoSegment m_inline[8];
    IoSegment* m_vec = m_inline;
    usize m_count = 0;
    bool m_any = false;
};

SyscallResult transfer(int pid, uptr lvec, u64 liovcnt, uptr rvec, u64 riovcnt, u64 flags, bool write) {
    if (flags) return Error(EINVAL);
    IoVector local;
    TRY(local.import(lvec, liovcnt));
    if (local.total() == 0) return 0;
    RemoteVector remote;
    TRY(remote.import(rvec, riovcnt));
    if (remote.empty()) return 0;
    TaskRefs t = TRY(task_refs(pid));
    if (!t.mm) return Error(ESRCH);
    if (!task_may_access(*current_process(), *t.process)) return Error(EPERM);

    u8* bounce = static_cast<u8*>(kmalloc(kPageSize));
    if (!bounce) return Error(ENOMEM);
    usize moved = 0;
    usize li = 0, loff = 0;   // position in the local vector
    bool failed = false;
    for (usize ri = 0; ri < remote.count() && li < local.count() && !failed; ri++) {
        uptr raddr = remote[ri].base;
        usize rleft = remote[ri].len;
        while (rleft && li < local.count()) {
            if (loff == local[li].len) {
                li++;
                loff = 0;
                continue;
            }
            usize chunk = min(min(rleft, local[li].len - loff), kPageSize - (raddr & (kPageSize - 1)));
            uptr laddr = local[li].base + loff;
            usize got;
            if (write) {
                if (copy_from_user(bounce, laddr, chunk).is_error()) { failed = true; break; }
                got = access_process_memory(*t.mm, raddr, bounce, chunk, true);
            } else {
                got = access_process_memory(*t.mm, raddr, bounce, chunk, false);
                if (got && copy_to_user(laddr, bounce, got).is_error()) { failed = true; break; }
            }
            moved += got;
            if (got < chunk) { failed = true; break; }
            raddr += chunk;
            rleft -= chunk;
            loff += chunk;
        }
    }
    kfree(bounce);
    if (moved) return static_cast<i64>(moved);
    if (failed) return Error(EFAULT);
    return 0;
}

}  // namespace

SyscallResult sys_process_vm_readv(int pid, UserPtr<const void> lvec, u64 liovcnt, UserPtr<const void> rvec,
                                   u64 riovcnt, u64 flags) {
    return transfer(pid, lvec.addr(), liovcnt, rvec.addr(), riovcnt, flags, false);
}

SyscallResult sys_process_vm_writev(int pid, UserPtr<const void> lvec, u64 liovcnt, UserPtr<const void> rvec,
                                    u64 riovcnt, u64 flags) {
    return transfer(pid, lvec.addr(), liovcnt, rvec.addr(), riovcnt, flags, true);
}
