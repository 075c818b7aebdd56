// SPDX-License-Identifier: MIT
// The pages of one file, in one place: read(2), write(2), truncate and every mapping of the file
// (shared mappings directly, private ones until their first write) use the same frames, so a
// store through a MAP_SHARED mapping is what read(2) returns and the reverse.
//
// Locking: the page index has its own mutex, never the inode's, so a fault (which may come from
// a read(2) into a mapping of the same file, with the inode mutex held) never needs the inode
// mutex. Pages are handed out referenced and copied to or from user memory with no lock held.
// Order: inode mutex -> address-space lock -> page-cache lock.
#pragma once

#include <atomic>

#include "lib/intrusive_list.h"
#include "mm/page_tree.h"
#include "mm/user_ptr.h"
#include "sync/mutex.h"

class AddressSpace;
class Inode;

// Where a page comes from when the cache has none: a disk file system reads the file's blocks
// into it (holes stay zero). Without a filler the cache is the file (tmpfs): a missing page is a
// hole and its zeroed page becomes part of the file.
class PageFiller {
public:
    // Fills page (zeroed, 4 KiB) with the file's bytes at index * 4096. Called with the page
    // cache's lock held; an error leaves no page behind.
    virtual Result<void> fill_page(u64 index, void* page) = 0;

protected:
    ~PageFiller() = default;
};

// Pages held by all page caches, for /proc/meminfo and /proc/vmstat.
struct PageCacheStats {
    usize cached;   // every cache's pages (linux: Cached, nr_file_pages)
    usize shmem;    // of which memory file systems' (no disk behind them: Shmem, nr_shmem)
    u64 shed;       // clean pages given back under memory pressure so far (pgsteal_direct)
};
PageCacheStats page_cache_stats();

class PageCache {
public:
    explicit PageCache(const PageAllocator& alloc, PageFiller* filler = nullptr) : m_pages(alloc), m_filler(filler) {}
    ~PageCache();
    ARAMID_NOCOPY(PageCache);

    // The page at index referenced for the caller (page_unref when done), or 0 for a hole.
    PhysAddr lookup(u64 index);
    // The page at index, a zeroed page filling a hole; referenced for the caller.
    Result<PhysAddr> get(u64 index);
    // For a fault at file page `index`: like get(), but ENXIO (SIGBUS) past the end of `file`,
    // checked under the lock that truncate() holds while it shrinks.
    // A page it allocates (a hole touched through a mapping) counts in the file's st_blocks, as
    // the cache's pages are the file's blocks on a memory file system (not with a filler: there
    // the file system counts its blocks).
    Result<PhysAddr> get_for_fault(u64 index, Inode& file);
    bool resident(u64 index);
    // read(2) from these pages: n bytes at offset into buf (the caller clipped n to the file's
    // size). Without a filler a missing page is a hole and reads as zeros. A fault after some
    // progress ends the copy short, as Linux reports it; the first fault is EFAULT.
    Result<usize> copy_to(const IoBuffer& buf, u64 offset, usize n);

    // write(2) into these pages: n bytes of buf at offset, a page at a time. After each copy,
    // commit(ctx, index, page, from, to) makes bytes [from, to) of the page part of the file (a
    // disk file system writes them out; null: nothing to do), then the size grows over them. A
    // short copy (EFAULT) or a failed commit ends the write; bytes of that page not made part of
    // the file are zeroed again past the size (the cache's invariant). Returns the bytes
    // written, or the error when there are none. Call with the inode mutex.
    using CommitFn = Result<void> (*)(void* ctx, u64 index, u8* page, usize from, usize to);
    Result<usize> write_from(Inode& file, const IoBuffer& buf, u64 offset, usize n, CommitFn commit, void* ctx);

    // Sets the file's size to new_size under the index lock; when it shrinks, frees the pages past
    // the end, zeroes the tail of the last page and unmaps the freed range from every address
    // space that maps the file (later accesses there raise SIGBUS). Call with the inode mutex.
    void resize(Inode& file, u64 new_size);
    // Frees the pages wholly inside [offset, end) and zeroes the parts of the pages at its edges
    // (a hole punch: MADV_REMOVE), unmapping the freed pages from every mapping of the file.
    // Returns the pages freed. Call with the inode mutex.
    usize punch_hole(Inode& file, u64 offset, u64 end);
    usize page_count();
    // Memory pressure: frees up to max pages that only the cache holds (unmapped, not in use) of a
    // disk file whose cached pages are all clean (write(2) writes through; a file that may have
    // been stored to through a shared mapping keeps its pages until write-back). The disk has the
    // bytes, so a later access reads them again. Never waits: a cache in use is skipped (0, and
    // busy is set).
    usize shed_clean(usize max, bool& busy);

    // Address spaces mapping this file, one count per VMA, so resize() can unmap.
    Result<void> add_mapper(AddressSpace& as);
    void remove_mapper(AddressSpace& as);
    // Shared VMAs over the file that may be made writable (linux: i_mmap_writable), for
    // F_SEAL_WRITE's EBUSY.
    void count_writable_shared(int delta) {
        if (delta > 0) m_shared_writes_seen.store(true, std::memory_order_relaxed);
        m_writable_shared.fetch_add(delta, std::memory_order_relaxed);
    }
    // Whether a writable shared mapping may have stored into the pages since the last
    // clear_shared_writes() (a disk file system then writes its cached pages back at fsync).
    bool shared_writes_possible() const {
        return m_shared_writes_seen.load(std::memory_order_relaxed) || mapped_writable_shared();
    }
    // After a write-back: forgets past mappings (those still mapped keep the answer true).
    void clear_shared_writes() { m_shared_writes_seen.store(false, std::memory_order_relaxed); }
    bool mapped_writable_shared() const { return m_writable_shared.load(std::memory_order_relaxed) > 0; }

private:
    struct Mapper {
        AddressSpace* as;
        usize vmas;
        ListNode node;
    };
    // even_cows: private copies of the pages go too (truncate), or stay (a hole punch).
    void unmap_from_mappers(u64 first_index, u64 end_index, bool even_cows);

    usize shed_clean_locked(usize max);
    void account(isize pages);   // a change in this cache's page count, for page_cache_stats
    static constexpr usize kShedBatch = 256;   // pages shed at once when this cache's fill fails
    // get_or_alloc, then the filler for a page that was not there. Called with m_lock.
    Result<void*> get_locked(u64 index);

    Mutex m_lock{"page-cache"};
    PageTree m_pages;
    PageFiller* m_filler;
    Mutex m_mappers_lock{"page-cache-mappers"};
    IntrusiveList<Mapper, &Mapper::node> m_mappers;
    std::atomic<int> m_writable_shared{0};
    std::atomic<bool> m_shared_writes_seen{false};
};
