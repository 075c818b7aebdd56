// SPDX-License-Identifier: MIT
#include "core/rseq.h"

#include <linux/rseq.h>

#include "arch/x86_64/trap_frame.h"
#include "core/log.h"
#include "core/percpu.h"
#include "mm/user_ptr.h"
#include "syscalls/handlers.h"

namespace {

constexpr uptr kTaskSize = 0x00007ffffffff000ull;   // linux: TASK_SIZE_MAX on x86_64
constexpr u32 kRseqSize = sizeof(struct rseq);       // 32 in Linux 6.1's ABI
constexpr usize kRseqCsOffset = __builtin_offsetof(struct rseq, rseq_cs);
constexpr usize kRseqFlagsOffset = __builtin_offsetof(struct rseq, flags);

Result<void> clear_rseq_cs(uptr area) {
    u64 zero = 0;
    return copy_to_user(area + kRseqCsOffset, &zero, sizeof(zero));
}

// linux: rseq_get_rseq_cs() and rseq_ip_fixup().
Result<void> ip_fixup(Thread* t, TrapFrame* f, bool event) {
    uptr area = t->rseq_area;
    u64 ptr;
    TRY(copy_from_user(&ptr, area + kRseqCsOffset, sizeof(ptr)));
    struct rseq_cs cs{};
    if (ptr) {
        if (ptr >= kTaskSize) return Error(EINVAL);
        TRY(copy_from_user(&cs, ptr, sizeof(cs)));
        if (cs.start_ip >= kTaskSize || cs.start_ip + cs.post_commit_offset >= kTaskSize || cs.abort_ip >= kTaskSize ||
            cs.version > 0)
            return Error(EINVAL);
        if (cs.start_ip + cs.post_commit_offset < cs.start_ip) return Error(EINVAL);
        // The abort handler may not lie inside the section, and is preceded by the signature.
        if (cs.abort_ip - cs.start_ip < cs.post_commit_offset) return Error(EINVAL);
        u32 sig;
        TRY(copy_from_user(&sig, cs.abort_ip - sizeof(u32), sizeof(sig)));
        if (sig != t->rseq_sig) {
            log_warn("rseq: bad signature %#x (expected %#x) at abort ip %#llx", sig, t->rseq_sig,
                     static_cast<unsigned long long>(cs.abort_ip));
            return Error(EINVAL);
        }
    }
    if (f->rip - cs.start_ip >= cs.post_commit_offset) return clear_rseq_cs(area);
    // Inside the section. The deprecated no-restart flags are refused (Linux 6.1 warns and fails).
    u32 flags;
    TRY(copy_from_user(&flags, area + kRseqFlagsOffset, sizeof(flags)));
    if (cs.flags || flags) return Error(EINVAL);
    if (!event) return {};
    TRY(clear_rseq_cs(area));
    f->rip = cs.abort_ip;
    return {};
}

Result<void> store_cpu(uptr area, u32 start, u32 cpu) {
    TRY(copy_to_user(area + __builtin_offsetof(struct rseq, cpu_id_start), &start, sizeof(start)));
    return copy_to_user(area + __builtin_offsetof(struct rseq, cpu_id), &cpu, sizeof(cpu));
}

}  // namespace

bool rseq_resume(Thread* t, TrapFrame* f, bool event) {
    t->rseq_pending = false;
    if (!t->rseq_area || t->exiting) return true;
    if (ip_fixup(t, f, event).is_error()) return false;
    u32 cpu = this_cpu()->id;
    return store_cpu(t->rseq_area, cpu, cpu).is_ok();
}

void rseq_on_clone(Thread* child, const Thread* parent, bool shares_vm) {
    if (shares_vm || !parent->rseq_area) return;
    child->rseq_area = parent->rseq_area;
    child->rseq_sig = parent->rseq_sig;
    child->rseq_pending = true;   // the child's first return stores its CPU
}

// linux: sys_rseq(). The checks in Linux's order.
SyscallResult sys_rseq(UserPtr<void> urseq, u32 len, int flags, u32 sig) {
    Thread* t = current_thread();
    uptr area = urseq.addr();
    if (flags & RSEQ_FLAG_UNREGISTER) {
        if (flags & ~RSEQ_FLAG_UNREGISTER) return Error(EINVAL);
        if (t->rseq_area != area) return Error(EINVAL);
        if (len != kRseqSize) return Error(EINVAL);
        if (sig != t->rseq_sig) return Error(EPERM);
        TRY(store_cpu(area, 0, static_cast<u32>(RSEQ_CPU_ID_UNINITIALIZED)));
        t->rseq_area = 0;
        t->rseq_sig = 0;
        t->rseq_pending = false;
        return 0;
    }
    if (flags) return Error(EINVAL);
    if (t->rseq_area) {
        if (t->rseq_area != area || len != kRseqSize) return Error(EINVAL);
        if (sig != t->rseq_sig) return Error(EPERM);
        return Error(EBUSY);
    }
    if (area % alignof(struct rseq) || len != kRseqSize) return Error(EINVAL);
    if (area >= kTaskSize || kTaskSize - area < len) return Error(EFAULT);   // access_ok
    t->rseq_area = area;
    t->rseq_sig = sig;
    t->rseq_pending = true;   // the way back stores the CPU (and clears rseq_cs)
    return 0;
}
