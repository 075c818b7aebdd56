// SPDX-License-Identifier: MIT
// What mmap needs from the file layer: a VmObject for a descriptor (checking the access the
// mapping asks for), and anonymous shared memory.
#pragma once

#include "mm/vm_object.h"

// flags may gain kMapNoMayWrite: a shared mapping of a write-sealed memfd never becomes writable.
Result<RefPtr<VmObject>> file_vm_object(int fd, u32 prot, u32& flags, u64 offset);
Result<RefPtr<VmObject>> anonymous_shared_object(u64 size);
// The RLIMIT_MEMLOCK check of a new locked mapping (MAP_LOCKED or after mlockall(MCL_FUTURE)):
// EAGAIN over the limit, as Linux's mlock_future_check.
Result<void> mmap_lock_check(usize length);
