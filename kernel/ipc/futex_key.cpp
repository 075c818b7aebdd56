// SPDX-License-Identifier: MIT
// Futex keys (Linux's get_futex_key). A shared futex in a shared mapping is keyed by the
// mapping's object and offset rather than by a physical page: that is what Linux does for
// file-backed pages too (inode + page index), and it needs no page to be present.
#include "abi/linux/uapi.h"
#include "core/process.h"
#include "ipc/futex_table.h"
#include "mm/address_space.h"
#include "mm/user_ptr.h"

Result<FutexKeyRef> futex_key(uptr uaddr, bool shared, bool write) {
    if (uaddr & 3) return Error(EINVAL);
    if (!user_range_ok(uaddr, 4)) return Error(EFAULT);
    AddressSpace* mm = current_process()->mm.ptr();
    uptr mm_id = reinterpret_cast<uptr>(mm);
    if (!shared) return FutexKeyRef{FutexKey{FutexKey::Private, mm_id, uaddr}, nullptr};
    AddressSpace::Backing b = TRY(mm->backing_at(uaddr));
    // get_user_pages fails on PROT_NONE, and on a read-only page when writing is needed.
    if (!(b.prot & (PROT_READ | PROT_WRITE | PROT_EXEC))) return Error(EFAULT);
    bool writable = b.prot & PROT_WRITE;
    if (write && !writable) return Error(EFAULT);
    // Shared mappings, and private file pages not yet copied (read-only), are the object's.
    if (b.object && (b.shared || !writable)) {
        FutexKeyRef k{FutexKey{FutexKey::Object, reinterpret_cast<uptr>(b.object.ptr()), b.offset}, nullptr};
        k.pin = move_ref(b.object);
        return k;
    }
    // A private (anonymous or copied) page: Linux refuses a read-only anonymous one.
    if (!writable) return Error(EFAULT);
    return FutexKeyRef{FutexKey{FutexKey::MmShared, mm_id, uaddr}, nullptr};
}
