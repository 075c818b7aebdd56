// SPDX-License-Identifier: MIT
// prctl(PR_SET_MM) for the bounds of the argument and environment strings, which
// /proc/<pid>/cmdline and environ read: systemd's rename_process() points them at a new title
// ("(sd-executor)", "(sd-remount)"...) in each child it forks. linux: kernel/sys.c prctl_set_mm().
// LINUX-DIVERGENCE: the other PR_SET_MM options (code, data, brk and stack bounds, auxv, the exe
// file, the whole map at once) are refused with EINVAL.
#include "abi/linux/uapi.h"
#include "core/process.h"
#include "mm/address_space.h"
#include "syscalls/misc_handlers.h"

namespace {
constexpr u64 kTaskSize = 0x7ffffffff000ull;   // linux: TASK_SIZE_MAX on x86_64 (4-level paging)
constexpr u64 kMmapMinAddr = 0x10000;          // vm.mmap_min_addr
}  // namespace

Result<i64> mm_prctl(u64 opt, u64 addr, u64 arg4, u64 arg5) {
    if (arg5 || (arg4 && opt != PR_SET_MM_AUXV && opt != PR_SET_MM_MAP && opt != PR_SET_MM_MAP_SIZE))
        return Error(EINVAL);
    if (opt == PR_SET_MM_MAP || opt == PR_SET_MM_MAP_SIZE) return Error(EINVAL);
    if (!capable(CAP_SYS_RESOURCE)) return Error(EPERM);
    if (opt != PR_SET_MM_ARG_START && opt != PR_SET_MM_ARG_END && opt != PR_SET_MM_ENV_START &&
        opt != PR_SET_MM_ENV_END)
        return Error(EINVAL);
    if (addr >= kTaskSize || addr < kMmapMinAddr) return Error(EINVAL);
    Process* p = current_process();
    uptr bounds[4] = {p->arg_start, p->arg_end, p->env_start, p->env_end};
    bounds[opt - PR_SET_MM_ARG_START] = addr;
    // linux: validate_prctl_map_addr(): each pair stays ordered.
    if (bounds[0] > bounds[1] || bounds[2] > bounds[3]) return Error(EINVAL);
    // linux: find_vma(): some mapping must end above addr.
    bool mapped = false;
    p->mm->for_each_vma([&](const Vma& v) { mapped |= v.end > addr; });
    if (!mapped) return Error(EFAULT);
    p->arg_start = bounds[0];
    p->arg_end = bounds[1];
    p->env_start = bounds[2];
    p->env_end = bounds[3];
    return 0;
}
