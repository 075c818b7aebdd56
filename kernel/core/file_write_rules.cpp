// SPDX-License-Identifier: MIT
#include "core/file_write_rules.h"

#include "abi/linux/uapi.h"
#include "core/signal.h"

namespace {

// Kernel threads (ktests) have no process and no limit.
u64 limit_now() {
    Process* p = current_thread()->process;
    return p ? p->rlimits[RLIMIT_FSIZE].cur : RLIM_INFINITY;
}

Error too_big() {
    signal_send_thread(current_thread(), SIGXFSZ, nullptr);
    return Error(EFBIG);
}

}  // namespace

Result<usize> file_size_limit_clamp(u64 pos, usize count) {
    u64 limit = limit_now();
    if (limit == RLIM_INFINITY || count == 0) return count;
    if (pos >= limit) return too_big();
    return static_cast<usize>(min(u64(count), limit - pos));
}

Result<void> file_size_limit_check(u64 new_size) {
    u64 limit = limit_now();
    if (limit != RLIM_INFINITY && new_size > limit) return too_big();
    return {};
}

u32 file_mode_after_write(u32 mode) {
    if (capable(CAP_FSETID)) return mode;
    u32 m = mode & ~u32(S_ISUID);
    if ((m & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP)) m &= ~u32(S_ISGID);
    return m;
}
