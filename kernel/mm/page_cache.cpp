// SPDX-License-Identifier: MIT
#include "mm/page_cache.h"

#include "arch/paging.h"
#include "fs/vfs/inode.h"
#include "core/log.h"
#include "mm/address_space.h"
#include "mm/kheap.h"
#include "mm/page_ref.h"
#include "mm/reclaim.h"

namespace {
PhysAddr phys_of(void* page) { return arch::virt_to_phys_direct(page); }

std::atomic<usize> g_cached{0}, g_shmem{0};
std::atomic<u64> g_shed{0};
}  // namespace

PageCacheStats page_cache_stats() {
    return PageCacheStats{g_cached.load(std::memory_order_relaxed), g_shmem.load(std::memory_order_relaxed),
                          g_shed.load(std::memory_order_relaxed)};
}

void PageCache::account(isize pages) {
    g_cached.fetch_add(static_cast<usize>(pages), std::memory_order_relaxed);
    if (!m_filler) g_shmem.fetch_add(static_cast<usize>(pages), std::memory_order_relaxed);
}

PageCache::~PageCache() {
    // Every mapping holds a reference on its file, so none can be left.
    VERIFY(m_mappers.empty());
    account(-static_cast<isize>(m_pages.page_count()));
}

PhysAddr PageCache::lookup(u64 index) {
    MutexGuard g(m_lock);
    void* page = m_pages.lookup(index);
    if (!page) return PhysAddr(0);
    page_ref(phys_of(page));
    return phys_of(page);
}

Result<void*> PageCache::get_locked(u64 index) {
    usize before = m_pages.page_count();
    void* page;
    if (auto got = m_pages.get_or_alloc(index); got.is_ok()) {
        page = got.value();
    } else {
        // Out of memory: the other caches were asked already (the allocator did), but not this
        // one, whose lock we hold. Its own clean pages go, and the fill tries once more.
        if (got.error_code() != ENOMEM || shed_clean_locked(kShedBatch) == 0) return got.error();
        before = m_pages.page_count();
        page = TRY(m_pages.get_or_alloc(index));
    }
    if (m_pages.page_count() == before) return page;
    account(1);
    if (m_filler) {
        auto r = m_filler->fill_page(index, page);
        if (r.is_error()) {
            m_pages.remove(index);
            account(-1);
            return r.error();
        }
    }
    return page;
}

Result<PhysAddr> PageCache::get(u64 index) {
    // Short of memory: shed before taking m_lock, so this cache can give back its own pages.
    if (m_filler) reclaim_if_low();
    MutexGuard g(m_lock);
    PhysAddr p = phys_of(TRY(get_locked(index)));
    page_ref(p);
    return p;
}

Result<PhysAddr> PageCache::get_for_fault(u64 index, Inode& file) {
    if (m_filler) reclaim_if_low();
    MutexGuard g(m_lock);
    if (index >= align_up(file.size(), kPageSize) / kPageSize) return Error(ENXIO);
    usize before = m_pages.page_count();
    PhysAddr p = phys_of(TRY(get_locked(index)));
    if (!m_filler && m_pages.page_count() != before) file.set_blocks(m_pages.page_count() * (kPageSize / 512));
    page_ref(p);
    return p;
}

usize PageCache::shed_clean(usize max, bool& busy) {
    if (!m_filler) return 0;
    if (!m_lock.try_lock()) {
        busy = true;
        return 0;
    }
    usize n = shed_clean_locked(max);
    m_lock.unlock();
    return n;
}

usize PageCache::shed_clean_locked(usize max) {
    // Asked under m_lock: a shared mapping's fault takes it before it can map (and dirty) a page.
    // Under m_lock no one can take a new reference either; a count of 1 is the cache's own.
    if (!m_filler || shared_writes_possible()) return 0;
    usize n = m_pages.remove_if([](u64, void* page) { return page_refcount(phys_of(page)) == 1; }, max);
    account(-static_cast<isize>(n));
    g_shed.fetch_add(n, std::memory_order_relaxed);
    return n;
}

Result<usize> PageCache::copy_to(const IoBuffer& buf, u64 offset, usize n) {
    usize done = 0;
    while (done < n) {
        u64 pos = offset + done;
        usize in_page = pos & (kPageSize - 1);
        usize chunk = min<usize>(kPageSize - in_page, n - done);
        PhysAddr page(0);
        if (m_filler) {
            auto p = get(pos >> kPageShift);
            if (p.is_error()) {
                if (done) break;
                return p.error();
            }
            page = p.value();
        } else {
            page = lookup(pos >> kPageShift);
        }
        auto r = page.value ? buf.write_at(done, static_cast<const u8*>(arch::phys_to_virt(page)) + in_page, chunk)
                            : buf.fill_at(done, 0, chunk);
        if (page.value) page_unref(page);
        if (r.is_error()) {
            if (done) break;
            return r.error();
        }
        done += chunk;
    }
    return done;
}

Result<usize> PageCache::write_from(Inode& file, const IoBuffer& buf, u64 offset, usize n, CommitFn commit, void* ctx) {
    usize done = 0;
    int err = 0;
    while (done < n) {
        u64 pos = offset + done;
        usize in_page = pos & (kPageSize - 1);
        usize chunk = min<usize>(kPageSize - in_page, n - done);
        auto page = get(pos >> kPageShift);
        if (page.is_error()) {
            err = page.error_code();
            break;
        }
        auto* p = static_cast<u8*>(arch::phys_to_virt(page.value()));
        usize copied = buf.read_some(done, p + in_page, chunk);
        Result<void> r;
        if (copied && commit) r = commit(ctx, pos >> kPageShift, p, in_page, in_page + copied);
        if (r.is_error() || copied < chunk) {
            u64 good_end = max(file.size(), r.is_ok() ? pos + copied : pos);
            u64 page_start = pos - in_page;
            if (good_end < page_start + kPageSize) {
                usize from = good_end > page_start ? static_cast<usize>(good_end - page_start) : 0;
                __builtin_memset(p + from, 0, kPageSize - from);
            }
        }
        page_unref(page.value());
        if (r.is_error()) {
            err = r.error_code();
            break;
        }
        done += copied;
        if (pos + copied > file.size()) file.set_size(pos + copied);
        if (copied < chunk) {
            err = EFAULT;
            break;
        }
    }
    if (done == 0 && err) return Error(err);
    return done;
}

bool PageCache::resident(u64 index) {
    MutexGuard g(m_lock);
    return m_pages.lookup(index) != nullptr;
}

usize PageCache::page_count() {
    MutexGuard g(m_lock);
    return m_pages.page_count();
}

void PageCache::resize(Inode& file, u64 new_size) {
    u64 first_gone;
    {
        MutexGuard g(m_lock);
        u64 old = file.size();
        file.set_size(new_size);
        if (new_size >= old) return;
        first_gone = align_up(new_size, kPageSize) / kPageSize;
        account(-static_cast<isize>(m_pages.truncate(first_gone)));
        if (usize tail = new_size & (kPageSize - 1)) {
            if (auto* p = static_cast<u8*>(m_pages.lookup(new_size / kPageSize)))
                __builtin_memset(p + tail, 0, kPageSize - tail);
        }
    }
    unmap_from_mappers(first_gone, ~u64(0), true);
}

usize PageCache::punch_hole(Inode& file, u64 offset, u64 end) {
    end = min(end, align_up(file.size(), kPageSize));
    if (offset >= end) return 0;
    u64 first_whole = align_up(offset, kPageSize) / kPageSize, end_whole = end / kPageSize;
    usize freed = 0;
    {
        MutexGuard g(m_lock);
        auto zero = [&](u64 from, u64 to) {   // within one page
            if (from >= to) return;
            if (auto* p = static_cast<u8*>(m_pages.lookup(from / kPageSize)))
                __builtin_memset(p + (from & (kPageSize - 1)), 0, to - from);
        };
        if (first_whole > end_whole) {
            zero(offset, end);   // inside one page
        } else {
            zero(offset, first_whole * kPageSize);
            zero(end_whole * kPageSize, end);
        }
    }
    if (first_whole >= end_whole) return 0;
    // As Linux's shmem_fallocate: unmap while the pages are still here (so private mappings can
    // tell the file's pages from their own copies, which stay), then free them.
    unmap_from_mappers(first_whole, end_whole, false);
    MutexGuard g(m_lock);
    for (u64 i = first_whole; i < end_whole; i++) freed += m_pages.remove(i) ? 1 : 0;
    account(-static_cast<isize>(freed));
    file.set_blocks(m_pages.page_count() * (kPageSize / 512));
    return freed;
}

void PageCache::unmap_from_mappers(u64 first_index, u64 end_index, bool even_cows) {
    // Collect live address spaces under the list lock, unmap with it released: unmapping takes
    // each address space's lock, which is held around add_mapper/remove_mapper.
    AddressSpace* small[16];
    AddressSpace** list = small;
    usize n = 0;
    {
        MutexGuard g(m_mappers_lock);
        usize cap = 16;
        if (m_mappers.size() > cap) {
            if (auto* big = static_cast<AddressSpace**>(kmalloc(m_mappers.size() * sizeof(AddressSpace*)))) {
                list = big;
                cap = m_mappers.size();
            } else {
                // Memory-safe either way (mapped pages hold references); only the SIGBUS is lost.
                log_warn("page cache: out of memory unmapping a truncated file from %zu address spaces",
                         m_mappers.size());
            }
        }
        for (Mapper& m : m_mappers) {
            if (n == cap) break;
            if (m.as->try_ref()) list[n++] = m.as;   // a dying address space maps nothing
        }
    }
    for (usize i = 0; i < n; i++) {
        list[i]->unmap_cache_pages(*this, first_index, end_index, even_cows);
        RefPtr<AddressSpace> drop = RefPtr<AddressSpace>::adopt(list[i]);
    }
    if (list != small) kfree(list);
}

Result<void> PageCache::add_mapper(AddressSpace& as) {
    MutexGuard g(m_mappers_lock);
    for (Mapper& m : m_mappers)
        if (m.as == &as) {
            m.vmas++;
            return {};
        }
    auto* m = new (std::nothrow) Mapper{&as, 1, ListNode()};
    if (!m) return Error(ENOMEM);
    m_mappers.push_back(*m);
    return {};
}

void PageCache::remove_mapper(AddressSpace& as) {
    MutexGuard g(m_mappers_lock);
    for (Mapper& m : m_mappers)
        if (m.as == &as) {
            if (--m.vmas == 0) {
                m_mappers.remove(m);
                delete &m;
            }
            return;
        }
    VERIFY_NOT_REACHED();
}
