// SPDX-License-Identifier: MIT
// membarrier(2). Aramid schedules on one CPU (no application processors are started and there
// are no cross-CPU interrupts to send), so a full fence in the caller orders it against every other thread: each
// of them passes through the scheduler, itself a full barrier, before it runs again. The private
// commands still need their registration first, per address space, as on Linux.
// linux: kernel/sched/membarrier.c.
#include "abi/linux/uapi.h"
#include "core/process.h"
#include "mm/address_space.h"
#include "syscalls/handlers.h"

namespace {

// What QUERY reports: Linux 6.1 on x86_64 with CONFIG_RSEQ and without nohz_full.
constexpr int kSupported = MEMBARRIER_CMD_GLOBAL | MEMBARRIER_CMD_GLOBAL_EXPEDITED |
                           MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED | MEMBARRIER_CMD_PRIVATE_EXPEDITED |
                           MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED | MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE |
                           MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE |
                           MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ | MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ;

// Registration bits in AddressSpace::membarrier_state.
constexpr u32 kGlobalExpedited = 1, kPrivate = 2, kSyncCore = 4, kRseq = 8;

std::atomic<u32>& state() { return current_process()->mm->membarrier_state; }

SyscallResult barrier() {
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    return 0;
}

SyscallResult registered(u32 bit) {
    if (!(state().load(std::memory_order_acquire) & bit)) return Error(EPERM);
    return barrier();
}

SyscallResult enroll(u32 bits) {
    state().fetch_or(bits, std::memory_order_acq_rel);
    return 0;
}

}  // namespace

SyscallResult sys_membarrier(int cmd, u32 flags, int cpu_id) {
    (void)cpu_id;   // one CPU's barrier is the whole machine's here; Linux ignores unknown CPUs
    u32 allowed = cmd == MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ ? MEMBARRIER_CMD_FLAG_CPU : 0;
    if (flags & ~allowed) return Error(EINVAL);
    switch (cmd) {
    case MEMBARRIER_CMD_QUERY: return kSupported;
    case MEMBARRIER_CMD_GLOBAL:
    case MEMBARRIER_CMD_GLOBAL_EXPEDITED: return barrier();
    case MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED: return enroll(kGlobalExpedited);
    case MEMBARRIER_CMD_PRIVATE_EXPEDITED: return registered(kPrivate);
    case MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED: return enroll(kPrivate);
    case MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE: return registered(kSyncCore);
    case MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE: return enroll(kSyncCore);
    case MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ: return registered(kRseq);
    case MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ: return enroll(kRseq);
    default: return Error(EINVAL);
    }
}
