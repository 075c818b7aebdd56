// SPDX-License-Identifier: MIT
// tmpfs regular files: the data is the page cache itself. Invariant: every byte of a present page
// beyond the file size is zero, so extending the file (write past the end, truncate up) exposes
// zeros without touching pages. Called with the inode mutex held; pages are copied with no lock
// held (the user buffer may be a mapping of this file, whose fault takes the page-cache lock).
#include "abi/linux/fs_abi.h"
#include "abi/linux/uapi.h"
#include "arch/paging.h"
#include "fs/tmpfs/tmpfs_inode.h"
#include "mm/page_ref.h"

// linux: shmem_get_inode(): sealing is off (F_SEAL_SEAL) until memfd_create(MFD_ALLOW_SEALING).
TmpfsFile::TmpfsFile(TmpfsSuperBlock& sb, u32 mode)
    : TmpfsInode(sb, mode), m_pages(sb.page_allocator()), m_seals(F_SEAL_SEAL) {}

Result<usize> TmpfsFile::read(const IoBuffer& buf, u64 offset) {
    u64 sz = size();
    if (offset >= sz || buf.size() == 0) return usize(0);
    return m_pages.copy_to(buf, offset, static_cast<usize>(min<u64>(buf.size(), sz - offset)));
}

Result<usize> TmpfsFile::write(const IoBuffer& buf, u64 offset) {
    usize n = buf.size();
    if (n == 0) return usize(0);
    u64 end;
    if (__builtin_add_overflow(offset, n, &end) || end > u64(kMaxFileSize)) return Error(EFBIG);
    u32 seals = m_seals.load(std::memory_order_relaxed);
    if (seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE)) return Error(EPERM);
    if ((seals & F_SEAL_GROW) && end > size()) return Error(EPERM);
    auto r = m_pages.write_from(*this, buf, offset, n, nullptr, nullptr);
    update_blocks();
    return r;
}

Result<void> TmpfsFile::truncate(u64 new_size) {
    if (new_size > u64(kMaxFileSize)) return Error(EFBIG);
    u32 seals = m_seals.load(std::memory_order_relaxed);
    if ((seals & F_SEAL_SHRINK) && new_size < size()) return Error(EPERM);
    if ((seals & F_SEAL_GROW) && new_size > size()) return Error(EPERM);
    m_pages.resize(*this, new_size);
    update_blocks();
    return {};
}
