// SPDX-License-Identifier: MIT
// brk, mmap, munmap, mprotect, mremap (madvise, mincore, msync: mm_advice.cpp; mlock: mm_lock.cpp).
#include "abi/linux/uapi.h"
#include "core/process.h"
#include "mm/address_space.h"
#include "syscalls/handlers.h"
#include "syscalls/mm_file.h"

namespace {
AddressSpace& mm() { return *current_process()->mm; }
constexpr u32 kProtMask = PROT_READ | PROT_WRITE | PROT_EXEC;
constexpr u64 kMmapMinAddr = 0x10000;
}  // namespace

SyscallResult sys_brk(u64 addr) { return static_cast<i64>(mm().brk(addr)); }

SyscallResult sys_mmap(u64 addr, usize length, Flags prot_f, Flags flags_f, Fd fd, u64 offset) {
    u32 prot = static_cast<u32>(prot_f.value);
    u32 flags = static_cast<u32>(flags_f.value);
    // Linux's mmap ignores prot bits it does not know (mprotect rejects them).
    u32 type = flags & MAP_TYPE;
    if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE) return Error(EINVAL);
    if (type == MAP_SHARED_VALIDATE) {
        // Linux accepts the validating type only for files; anonymous memory must say which.
        if (flags & MAP_ANONYMOUS) return Error(EINVAL);
        flags = (flags & ~MAP_TYPE) | MAP_SHARED;
    }
    flags &= ~kMapNoMayWrite;   // the kernel's own bit: never taken from the caller
    if (length == 0) return Error(EINVAL);
    if (offset & (kPageSize - 1)) return Error(EINVAL);
    if (align_up(length, kPageSize) < length) return Error(ENOMEM);
    // vm.mmap_min_addr (65536 on Debian) binds only callers without CAP_SYS_RAWIO.
    if ((flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) && addr < kMmapMinAddr && !capable(CAP_SYS_RAWIO))
        return Error(EPERM);
    RefPtr<VmObject> object;
    const char* name = nullptr;
    if (!(flags & MAP_ANONYMOUS)) {
        object = TRY(file_vm_object(fd, prot, flags, offset));
    } else if (flags & MAP_SHARED) {
        // Shared anonymous memory: a private shmem object so fork children share the pages.
        object = TRY(anonymous_shared_object(length));
        offset = 0;
    }
    if (flags & MAP_GROWSDOWN) name = "[stack]";
    u32 keep = flags & (MAP_SHARED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_GROWSDOWN | MAP_FIXED | MAP_FIXED_NOREPLACE |
                        kMapNoMayWrite);
    bool lock = (flags & MAP_LOCKED) || mm().lock_future();
    if (lock) TRY(mmap_lock_check(length));
    uptr r = TRY(mm().map(addr, length, prot & kProtMask, keep, object, offset, name));
    usize len = align_up(length, kPageSize);
    if (flags & MAP_LOCKED) (void)mm().set_locked(r, r + len, true);
    // MAP_POPULATE and locked mappings are faulted in now; failures are ignored, as Linux.
    if (lock || (flags & MAP_POPULATE)) (void)mm().populate(r, r + len);
    return static_cast<i64>(r);
}

SyscallResult sys_munmap(u64 addr, usize length) {
    TRY(mm().unmap(addr, length));
    return 0;
}

SyscallResult sys_mprotect(u64 addr, usize length, Flags prot) {
    if (prot.value & ~static_cast<u64>(kProtMask | PROT_GROWSDOWN | PROT_GROWSUP)) return Error(EINVAL);
    TRY(mm().protect(addr, length, static_cast<u32>(prot.value) & kProtMask));
    return 0;
}

SyscallResult sys_mremap(u64 old_addr, usize old_size, usize new_size, Flags flags, u64 new_addr) {
    return static_cast<i64>(TRY(mm().remap(old_addr, old_size, new_size, static_cast<u32>(flags.value), new_addr)));
}
