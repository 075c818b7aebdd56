// SPDX-License-Identifier: MIT
// The AddressSpace operations behind madvise, mincore, msync and the mlock family: each walks the
// VMAs of a range with Linux's rules for holes (ENOMEM, after doing what the mapped parts allow).
#include "abi/linux/uapi.h"
#include "fs/vfs/inode.h"
#include "mm/address_space.h"
#include "fs/vfs/file.h"
#include "mm/page_cache.h"
#include "mm/page_ref.h"

namespace {
bool is_shared(const Vma& v) { return (v.flags & MAP_SHARED) != 0; }
bool is_file(const Vma& v) { return v.object && v.object->page_cache(); }
}  // namespace

Result<void> AddressSpace::advise(uptr start, uptr end, int advice) {
    MutexGuard g(m_lock);
    // Checks that fail the whole call before anything changes (Linux checks per VMA as it goes;
    // the outcome differs only for ranges mixing kinds).
    bool hole = false;
    for (uptr a = start; a < end;) {
        Vma* v = find_next_locked(a);
        if (!v || v->start >= end) {
            hole = true;
            break;
        }
        if (v->start > a) hole = true;
        switch (advice) {
        case MADV_DONTNEED:
        case MADV_COLD:
        case MADV_PAGEOUT:
            if (v->locked) return Error(EINVAL);   // linux: can_madv_lru_vma()
            break;
        case MADV_FREE:
        case MADV_WIPEONFORK:
        case MADV_KEEPONFORK:
            if (v->object) return Error(EINVAL);   // anonymous private memory only
            break;
        case MADV_REMOVE:
            if (v->locked || (!v->object && !is_shared(*v))) return Error(EINVAL);
            if (!is_shared(*v) || !(v->prot & PROT_WRITE)) return Error(EACCES);
            break;
        default:
            break;
        }
        a = v->end;
    }
    bool splits = advice == MADV_DONTFORK || advice == MADV_DOFORK || advice == MADV_WIPEONFORK ||
                  advice == MADV_KEEPONFORK;
    if (splits) TRY(split_range_locked(start, end));
    for (Vma* v = find_next_locked(start); v && v->start < end; v = m_vmas.next_of(*v)) {
        uptr s = max(v->start, start), e = min(v->end, end);
        switch (advice) {
        case MADV_DONTNEED:
        case MADV_FREE:
            // Dropped pages come back from the file (or the shared object), zero-filled for private
            // anonymous memory. MADV_FREE may drop at once: the page would be reclaimable.
            unmap_pages_locked(s, e);
            break;
        case MADV_REMOVE:
            // A file's pages are punched out below, without this lock. LINUX-DIVERGENCE: shared
            // anonymous memory only loses the mappings; its object keeps the data.
            if (!is_file(*v)) unmap_pages_locked(s, e);
            break;
        case MADV_DONTFORK: v->dontfork = true; break;
        case MADV_DOFORK: v->dontfork = false; break;
        case MADV_WIPEONFORK: v->wipeonfork = true; break;
        case MADV_KEEPONFORK: v->wipeonfork = false; break;
        default: break;   // access-pattern and dump hints: nothing to do in memory
        }
    }
    if (splits) merge_range_locked(start, end);
    return hole ? Result<void>(Error(ENOMEM)) : Result<void>();
}

void AddressSpace::punch_file_range(uptr start, uptr end) {
    // Linux's madvise_remove: the mmap lock is dropped and the file's range punched out as
    // fallocate(PUNCH_HOLE) does (inode mutex, then page cache, then each mapper's lock).
    for (uptr a = start; a < end;) {
        RefPtr<VmObject> obj;
        u64 first = 0, last = 0;
        {
            MutexGuard g(m_lock);
            Vma* v = find_next_locked(a);
            if (!v || v->start >= end) return;
            a = v->end;
            if (!is_file(*v) || !v->object->file()) continue;
            obj = v->object;
            first = v->pgoff + (max(v->start, start) - v->start) / kPageSize;
            last = v->pgoff + (min(v->end, end) - v->start) / kPageSize;
        }
        File* file = obj->file();
        if (!file) continue;   // checked under the lock above; keeps the compiler's null analysis quiet
        Inode& inode = file->inode();
        MutexGuard g(inode.lock());
        obj->page_cache()->punch_hole(inode, first * kPageSize, last * kPageSize);
    }
}

Result<void> AddressSpace::residency(uptr start, usize pages, u8* out) {
    MutexGuard g(m_lock);
    for (usize i = 0; i < pages; i++) {
        uptr va = start + i * kPageSize;
        Vma* v = find_locked(va);
        if (!v) return Error(ENOMEM);
        arch::UserPage pg;
        bool present = m_pt.query(va, pg);
        if (!present && is_file(*v)) present = v->object->page_cache()->resident(v->pgoff + (va - v->start) / kPageSize);
        out[i] = present ? 1 : 0;
    }
    return {};
}

Result<void> AddressSpace::sync_range(uptr start, uptr end, int flags) {
    // MS_SYNC writes the shared file mappings' pages to their files (vfs_fsync_range), after
    // the address-space lock is dropped (fsync takes inode mutexes, which rank above it).
    constexpr usize kMaxFiles = 8;
    RefPtr<File> files[kMaxFiles];
    usize nfiles = 0;
    bool hole = false;
    {
        MutexGuard g(m_lock);
        for (uptr a = start; a < end;) {
            Vma* v = find_next_locked(a);
            if (!v || v->start >= end) return Error(ENOMEM);
            if (v->start > a) {
                if (flags == MS_SYNC) return Error(ENOMEM);
                hole = true;
            }
            if ((flags & MS_INVALIDATE) && v->locked) return Error(EBUSY);
            if ((flags & MS_SYNC) && (v->flags & MAP_SHARED) && v->object && v->object->file()) {
                File* f = v->object->file();
                bool seen = false;
                for (usize i = 0; i < nfiles; i++) seen |= files[i].ptr() == f;
                if (!seen && nfiles < kMaxFiles) files[nfiles++] = RefPtr<File>(f);
            }
            a = v->end;
        }
    }
    for (usize i = 0; i < nfiles; i++) TRY(files[i]->inode().fsync(false));
    return hole ? Result<void>(Error(ENOMEM)) : Result<void>();
}

usize AddressSpace::locked_pages_in(uptr start, uptr end) {
    MutexGuard g(m_lock);
    usize n = 0;
    for (Vma* v = find_next_locked(start); v && v->start < end; v = m_vmas.next_of(*v))
        if (v->locked) n += (min(v->end, end) - max(v->start, start)) / kPageSize;
    return n;
}

usize AddressSpace::locked_pages() { return locked_pages_in(0, ~uptr(0)); }

Result<void> AddressSpace::set_locked(uptr start, uptr end, bool lock) {
    {
        MutexGuard g(m_lock);   // the scope: set_all_locked's shape
        for (uptr a = start; a < end;) {
            Vma* v = find_locked(a);
            if (!v) return Error(ENOMEM);
            a = v->end;
        }
        TRY(split_range_locked(start, end));
        for (Vma* v = find_locked(start); v && v->start < end; v = m_vmas.next_of(*v)) v->locked = lock;
        merge_range_locked(start, end);
    }
    return {};
}

Result<void> AddressSpace::set_all_locked(bool current, bool future) {
    {
        MutexGuard g(m_lock);
        m_lock_future = future;
        if (!current && future) return {};
        for (Vma& v : m_vmas) v.locked = current;
        merge_range_locked(0, ~uptr(0));
    }
    if (current) {
        // Linux populates what it can and ignores failures (a file mapping past its end).
        for (uptr a = 0;;) {
            uptr s, e;
            {
                MutexGuard g(m_lock);
                Vma* v = find_next_locked(a);
                if (!v) break;
                s = v->start;
                e = v->end;
            }
            (void)populate(s, e);
            a = e;
        }
    }
    return {};
}

Result<void> AddressSpace::populate(uptr start, uptr end) {
    MutexGuard g(m_lock);
    for (uptr va = start; va < end;) {
        Vma* v = find_locked(va);
        if (!v) return Error(ENOMEM);
        if (!(v->prot & (PROT_READ | PROT_WRITE | PROT_EXEC))) {
            va = v->end;   // PROT_NONE: nothing to populate
            continue;
        }
        bool write = (v->prot & PROT_WRITE) && !is_shared(*v);
        uptr stop = min(v->end, end);
        for (; va < stop; va += kPageSize) {
            arch::UserPage pg;
            if (m_pt.query(va, pg) && (!write || (pg.flags & arch::kUserWrite))) continue;
            FaultResult r = fault_locked(v, va, write);
            if (r == FaultResult::Oom) return Error(ENOMEM);
            if (r != FaultResult::Handled) return Error(EFAULT);
        }
    }
    return {};
}
