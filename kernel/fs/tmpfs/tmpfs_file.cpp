// SPDX-License-Identifier: MIT
// tmpfs regular files: data in a PageTree. Invariant: every byte of a present page beyond the
// file size is zero, so extending the file (write past the end, truncate up) exposes zeros
// without touching pages. Called with the inode mutex held.
#include "abi/linux/fs_abi.h"
#include "abi/linux/uapi.h"
#include "fs/tmpfs/tmpfs_inode.h"

TmpfsFile::TmpfsFile(TmpfsSuperBlock& sb, u32 mode) : TmpfsInode(sb, mode), m_pages(sb.page_allocator()) {}

Result<usize> TmpfsFile::read(const IoBuffer& buf, u64 offset) {
    u64 sz = size();
    if (offset >= sz || buf.size() == 0) return usize(0);
    usize n = static_cast<usize>(min<u64>(buf.size(), sz - offset));
    usize done = 0;
    while (done < n) {
        u64 pos = offset + done;
        usize in_page = pos & (kPageSize - 1);
        usize chunk = min<usize>(kPageSize - in_page, n - done);
        auto* page = static_cast<const u8*>(m_pages.lookup(pos >> kPageShift));
        auto r = page ? buf.write_at(done, page + in_page, chunk) : buf.fill_at(done, 0, chunk);
        if (r.is_error()) {
            if (done) break;   // a short read, as Linux reports a fault after progress
            return r.error();
        }
        done += chunk;
    }
    return done;
}

Result<usize> TmpfsFile::write(const IoBuffer& buf, u64 offset) {
    usize n = buf.size();
    if (n == 0) return usize(0);
    u64 end;
    if (__builtin_add_overflow(offset, n, &end) || end > u64(kMaxFileSize)) return Error(EFBIG);
    usize done = 0;
    int err = 0;
    while (done < n) {
        u64 pos = offset + done;
        usize in_page = pos & (kPageSize - 1);
        usize chunk = min<usize>(kPageSize - in_page, n - done);
        auto page = m_pages.get_or_alloc(pos >> kPageShift);
        if (page.is_error()) {
            err = page.error_code();
            break;
        }
        auto* p = static_cast<u8*>(page.value());
        if (buf.read_at(done, p + in_page, chunk).is_error()) {
            // Keep the zero-beyond-EOF invariant: wipe what a partial copy left past the size.
            u64 sz = size();
            if (pos + chunk > sz) {
                usize from = sz > pos ? static_cast<usize>(sz - pos) : 0;
                __builtin_memset(p + in_page + from, 0, chunk - from);
            }
            err = EFAULT;
            break;
        }
        done += chunk;
        if (pos + chunk > size()) set_size(pos + chunk);
    }
    update_blocks();
    if (done == 0 && err) return Error(err);
    return done;
}

Result<void> TmpfsFile::truncate(u64 new_size) {
    if (new_size > u64(kMaxFileSize)) return Error(EFBIG);
    u64 old = size();
    if (new_size < old) {
        m_pages.truncate(align_up(new_size, kPageSize) >> kPageShift);
        usize tail = new_size & (kPageSize - 1);
        if (tail) {
            if (auto* p = static_cast<u8*>(m_pages.lookup(new_size >> kPageShift)))
                __builtin_memset(p + tail, 0, kPageSize - tail);
        }
    }
    set_size(new_size);
    update_blocks();
    return {};
}
