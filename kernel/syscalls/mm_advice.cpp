// SPDX-License-Identifier: MIT
// madvise, mincore, msync: argument rules as Linux 6.1's mm/madvise.c, mm/mincore.c, mm/msync.c.
#include "abi/linux/uapi.h"
#include "core/process.h"
#include "mm/address_space.h"
#include "syscalls/handlers.h"

namespace {
AddressSpace& mm() { return *current_process()->mm; }

bool advice_known(int advice) {
    switch (advice) {
    case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL: case MADV_WILLNEED: case MADV_DONTNEED:
    case MADV_FREE: case MADV_REMOVE: case MADV_DONTFORK: case MADV_DOFORK: case MADV_MERGEABLE:
    case MADV_UNMERGEABLE: case MADV_HUGEPAGE: case MADV_NOHUGEPAGE: case MADV_DONTDUMP: case MADV_DODUMP:
    case MADV_WIPEONFORK: case MADV_KEEPONFORK: case MADV_COLD: case MADV_PAGEOUT: case MADV_POPULATE_READ:
    case MADV_POPULATE_WRITE:
        return true;
    default:
        return false;   // MADV_HWPOISON and MADV_SOFT_OFFLINE (page poisoning) are not offered
    }
}
}  // namespace

SyscallResult sys_madvise(u64 addr, usize length, int advice) {
    if (!advice_known(advice)) return Error(EINVAL);
    if (addr & (kPageSize - 1)) return Error(EINVAL);
    usize len = align_up(length, kPageSize);
    if (length && !len) return Error(EINVAL);
    u64 end = addr + len;
    if (end < addr) return Error(EINVAL);
    if (end == addr) return 0;
    if (advice == MADV_POPULATE_READ || advice == MADV_POPULATE_WRITE) {
        TRY(mm().populate(addr, end));
        return 0;
    }
    auto r = mm().advise(addr, end, advice);
    // The checks passed for every VMA (EINVAL/EACCES return before anything changes); a hole in
    // the range is ENOMEM after the mapped parts got the advice.
    if (advice == MADV_REMOVE && (r.is_ok() || r.error_code() == ENOMEM)) mm().punch_file_range(addr, end);
    TRY(r);
    return 0;
}

SyscallResult sys_mincore(u64 addr, usize length, UserPtr<u8> vec) {
    if (addr & (kPageSize - 1)) return Error(EINVAL);
    if (length > kUserSpaceEnd || addr > kUserSpaceEnd - length) return Error(ENOMEM);
    usize pages = align_up(length, kPageSize) / kPageSize;
    // In chunks, so a huge range needs no huge kernel buffer; each chunk is copied out before an
    // unmapped page is reported (the bytes before it are written, as Linux).
    u8 chunk[256];
    for (usize done = 0; done < pages;) {
        usize n = min(pages - done, sizeof(chunk));
        auto r = mm().residency(addr + done * kPageSize, n, chunk);
        if (r.is_error()) return r.error();
        TRY(copy_to_user(vec.addr() + done, chunk, n));
        done += n;
    }
    return 0;
}

SyscallResult sys_msync(u64 addr, usize length, int flags) {
    if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) return Error(EINVAL);
    if (addr & (kPageSize - 1)) return Error(EINVAL);
    if ((flags & MS_ASYNC) && (flags & MS_SYNC)) return Error(EINVAL);
    u64 end = addr + align_up(length, kPageSize);
    if (end < addr) return Error(ENOMEM);
    if (end == addr) return 0;
    TRY(mm().sync_range(addr, end, flags));
    return 0;
}
