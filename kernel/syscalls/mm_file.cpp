// SPDX-License-Identifier: MIT
// mmap of a file descriptor: access checks as Linux's do_mmap, then the file's VmObject.
#include "syscalls/mm_file.h"

#include "abi/linux/uapi.h"
#include "core/fd_table.h"
#include "core/process.h"
#include "mm/address_space.h"
#include "mm/file_object.h"

Result<RefPtr<VmObject>> file_vm_object(int fd, u32 prot, u32& flags, u64 offset) {
    RefPtr<File> f = TRY(current_process()->fds->get(fd));
    if (f->is_path_only()) return Error(EBADF);
    if (!f->readable()) return Error(EACCES);
    if ((flags & MAP_SHARED) && (prot & PROT_WRITE) && !f->writable()) return Error(EACCES);
    if ((flags & MAP_SHARED) && (f->flags() & O_APPEND) && (prot & PROT_WRITE)) return Error(EACCES);
    Inode& ino = f->inode();
    if (ino.is_dir()) return Error(ENODEV);
    if (!ino.is_reg()) return Error(ENODEV);   // device mappings: later (/dev/zero is handled as anonymous)
    (void)offset;
    // linux: memfd_check_seals_mmap(): a write-sealed file is never mapped shared and writable,
    // and its read-only shared mappings lose VM_MAYWRITE (mprotect: EACCES).
    if (std::atomic<u32>* seals = ino.seals(); seals && (flags & MAP_SHARED) &&
        (seals->load(std::memory_order_relaxed) & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE))) {
        if (prot & PROT_WRITE) return Error(EPERM);
        flags |= kMapNoMayWrite;
    }
    auto obj = TRY(file_mapping_object(f));
    file_accessed(*f);   // linux: shmem_mmap()/generic_file_mmap()
    return obj;   // ENODEV for files without a page cache (procfs, sysfs)
}
