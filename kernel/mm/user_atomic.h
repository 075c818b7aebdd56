// SPDX-License-Identifier: MIT
// Atomic access to one aligned 32-bit user word (futexes). With interrupts on, a fault pages the
// word in as any user copy does; with interrupts off (under a spinlock) a page that is not
// present (or read-only for a cmpxchg) gives EFAULT at once and the caller retries unlocked.
#pragma once

#include "mm/user_ptr.h"

extern "C" bool arch_user_read_u32(uptr src, u32* out);
extern "C" bool arch_user_cmpxchg_u32(uptr addr, u32 expected, u32 desired, u32* found);

inline Result<u32> user_read_u32(uptr addr) {
    u32 v;
    if ((addr & 3) || !user_range_ok(addr, 4) || !arch_user_read_u32(addr, &v)) return Error(EFAULT);
    return v;
}

// Returns the value found: the exchange happened when it equals expected.
inline Result<u32> user_cmpxchg_u32(uptr addr, u32 expected, u32 desired) {
    u32 found;
    if ((addr & 3) || !user_range_ok(addr, 4) || !arch_user_cmpxchg_u32(addr, expected, desired, &found))
        return Error(EFAULT);
    return found;
}

// Makes the word present and writable (copy-on-write broken), as Linux's
// fault_in_user_writeable: a cmpxchg that cannot change anything. Interrupts must be on.
inline Result<void> user_fault_in_writeable(uptr addr) {
    TRY(user_cmpxchg_u32(addr, 0, 0));
    return {};
}
