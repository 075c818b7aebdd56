// SPDX-License-Identifier: MIT
#include "mm/address_space.h"

#include <atomic>

#include "abi/linux/uapi.h"
#include "aio/aio.h"
#include "arch/ldt.h"
#include "arch/paging.h"
#include "core/log.h"
#include "mm/kheap.h"
#include "mm/page_cache.h"
#include "mm/page_ref.h"
#include "mm/pmm.h"

namespace {

constexpr uptr kMmapMin = 0x10000;          // vm.mmap_min_addr
constexpr uptr kUserTop = 0x00007ffffffff000ull;
std::atomic<usize> g_live{0};
std::atomic<usize> g_oom_victims{0};

u32 pte_flags_for(const Vma& v, bool writable) {
    if (!(v.prot & (PROT_READ | PROT_WRITE | PROT_EXEC))) return arch::kUserNone;
    u32 f = 0;
    if (writable && (v.prot & PROT_WRITE)) f |= arch::kUserWrite;
    if (v.prot & PROT_EXEC) f |= arch::kUserExec;
    return f;
}

bool is_shared(const Vma& v) { return (v.flags & MAP_SHARED) != 0; }

}  // namespace

u64 next_anon_id() {
    static std::atomic<u64> next{1};
    return next.fetch_add(1, std::memory_order_relaxed);
}

usize address_space_live_count() { return g_live.load(); }

Result<RefPtr<AddressSpace>> AddressSpace::create() {
    auto pt = TRY(arch::UserPageTable::create());
    auto* as = new (std::nothrow) AddressSpace(pt);
    if (!as) {
        pt.destroy();
        return Error(ENOMEM);
    }
    g_live.fetch_add(1);
    return RefPtr<AddressSpace>::adopt(as);
}

AddressSpace::~AddressSpace() {
    aio_address_space_gone(this);
    arch::ldt_free(*this);
    while (Vma* v = m_vmas.pop_front()) {
        unmap_pages_locked(v->start, v->end);
        detach_locked(*v);
        delete v;
    }
    m_pt.destroy();
    g_live.fetch_sub(1);
    if (m_oom_victim) g_oom_victims.fetch_sub(1, std::memory_order_release);
}

void AddressSpace::mark_oom_victim() {
    if (m_oom_victim) return;
    m_oom_victim = true;
    g_oom_victims.fetch_add(1, std::memory_order_relaxed);
}

usize AddressSpace::oom_victims_alive() { return g_oom_victims.load(std::memory_order_acquire); }

void AddressSpace::activate() { arch::switch_page_table(m_pt.root()); }

Vma* AddressSpace::find_locked(uptr addr) {
    Vma* v = m_vmas.floor(addr);
    return v && addr < v->end ? v : nullptr;
}

Vma* AddressSpace::find_next_locked(uptr addr) {
    if (Vma* v = find_locked(addr)) return v;
    return m_vmas.upper_bound(addr);
}

bool AddressSpace::range_free_locked(uptr start, uptr end) {
    Vma* v = find_next_locked(start);
    return !v || v->start >= end;
}

void AddressSpace::insert_locked(Vma* nv) { m_vmas.insert(*nv); }

Result<uptr> AddressSpace::find_free_locked(uptr hint, usize len) {
    if (hint) {
        hint = align_down(hint, kPageSize);
        if (hint >= kMmapMin && hint + len <= kUserTop && hint + len > hint && range_free_locked(hint, hint + len))
            return hint;
    }
    // Top-down below mmap_base, as Linux's default layout.
    if (len > m_mmap_base - kMmapMin) return Error(ENOMEM);
    uptr cand = m_mmap_base - len;
    for (;;) {
        // The highest VMA starting below the candidate's end is the only one that can decide.
        Vma* clash = m_vmas.floor(cand + len - 1);
        if (!clash || clash->end <= cand) return cand;
        if (clash->start < kMmapMin + len) return Error(ENOMEM);
        cand = clash->start - len;
    }
}

// Shared and may become writable (linux: is_shared_maywrite), the mappings F_SEAL_WRITE waits for.
static bool writable_shared(const Vma& v) {
    return (v.flags & MAP_SHARED) && !(v.flags & kMapNoMayWrite) && v.object && v.object->may_write_shared();
}

Result<void> AddressSpace::attach_locked(Vma& v) {
    if (PageCache* pc = v.object ? v.object->page_cache() : nullptr) {
        TRY(pc->add_mapper(*this));
        if (writable_shared(v)) pc->count_writable_shared(1);
    }
    if (v.object) v.object->vma_opened();   // last: nothing after it can fail
    return {};
}

void AddressSpace::detach_locked(Vma& v) {
    if (PageCache* pc = v.object ? v.object->page_cache() : nullptr) {
        pc->remove_mapper(*this);
        if (writable_shared(v)) pc->count_writable_shared(-1);
    }
    if (v.object) v.object->vma_closed();
}

Result<void> AddressSpace::split_range_locked(uptr start, uptr end) {
    if (Vma* v = find_locked(start); v && v->start < start) TRY(split_locked(v, start));
    if (Vma* v = find_locked(end - 1); v && v->end > end) TRY(split_locked(v, end));
    return {};
}

void AddressSpace::unmap_cache_pages(PageCache& cache, u64 first_index, u64 end_index, bool even_cows) {
    MutexGuard g(m_lock);
    for (Vma& v : m_vmas) {
        if (!v.object || v.object->page_cache() != &cache) continue;
        u64 pages = (v.end - v.start) / kPageSize;
        if (first_index >= v.pgoff + pages || end_index <= v.pgoff) continue;
        uptr from = first_index > v.pgoff ? v.start + (first_index - v.pgoff) * kPageSize : v.start;
        uptr to = end_index < v.pgoff + pages ? v.start + (end_index - v.pgoff) * kPageSize : v.end;
        // Private copies of those pages go too for truncate (past the end of the file a private
        // mapping raises SIGBUS as well); a hole punch leaves them.
        if (even_cows || is_shared(v)) {
            unmap_pages_locked(from, to);
            continue;
        }
        m_pt.for_each(from, to, [&](uptr va, arch::UserPage p) {
            PhysAddr cached = cache.lookup(v.pgoff + (va - v.start) / kPageSize);
            if (cached.value) page_unref(cached);
            if (cached.value != p.phys.value) return;
            m_pt.unmap(va);
            page_unref(p.phys);
        });
    }
}

Result<void> AddressSpace::split_locked(Vma* v, uptr at) {
    VERIFY(at > v->start && at < v->end);
    Vma* tail = new (std::nothrow) Vma(*v);
    if (!tail) return Error(ENOMEM);
    tail->node = RbNode();
    if (attach_locked(*tail).is_error()) {
        delete tail;
        return Error(ENOMEM);
    }
    tail->start = at;
    if (tail->object) tail->pgoff = v->pgoff + (at - v->start) / kPageSize;
    v->end = at;
    insert_locked(tail);
    return {};
}

void AddressSpace::unmap_pages_locked(uptr start, uptr end) {
    m_pt.unmap_range(start, end, [](void*, PhysAddr frame) { page_unref(frame); }, nullptr);
}

Result<void> AddressSpace::unmap_locked(uptr start, uptr end) {
    // Split the VMAs that straddle the edges first, so a failure changes nothing.
    if (Vma* v = find_locked(start); v && v->start < start) TRY(split_locked(v, start));
    if (Vma* v = find_locked(end); v && v->start < end) TRY(split_locked(v, end));
    for (Vma* v = find_next_locked(start); v && v->start < end;) {
        Vma* next = m_vmas.next_of(*v);
        unmap_pages_locked(v->start, v->end);
        m_vmas.remove(*v);
        detach_locked(*v);
        delete v;
        v = next;
    }
    return {};
}

usize AddressSpace::pages_in_locked(uptr start, uptr end, bool data_only) {
    usize n = 0;
    for (Vma* v = find_next_locked(start); v && v->start < end; v = m_vmas.next_of(*v)) {
        if (data_only && !is_data_vma(*v)) continue;
        n += (min(v->end, end) - max(v->start, start)) / kPageSize;
    }
    return n;
}

// The sums walk every VMA, so they are taken only when a limit is set (both are unlimited by
// default): with thousands of mappings an mmap would otherwise cost a walk of all of them.
Result<void> AddressSpace::may_expand_locked(u32 prot, u32 flags, usize pages, usize replaced) {
    if (as_limit != ~0ull && pages_in_locked(0, kUserTop, false) - replaced + pages > as_limit / kPageSize)
        return Error(ENOMEM);
    if (data_limit != ~0ull && is_data_vma(prot, flags) &&
        pages_in_locked(0, kUserTop, true) + pages > data_limit / kPageSize)
        return Error(ENOMEM);
    return {};
}

Result<uptr> AddressSpace::map(uptr addr, usize length, u32 prot, u32 flags, RefPtr<VmObject> object, u64 offset,
                               const char* name) {
    if (length == 0) return Error(EINVAL);
    usize len = align_up(length, kPageSize);
    if (len < length || len > kUserTop) return Error(ENOMEM);
    if (!is_aligned(offset, kPageSize)) return Error(EINVAL);
    MutexGuard g(m_lock);
    uptr start;
    if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
        if (!is_aligned(addr, kPageSize)) return Error(EINVAL);
        // Below vm.mmap_min_addr only with CAP_SYS_RAWIO: the syscall layer checks that.
        if (addr + len > kUserTop || addr + len < addr) return Error(ENOMEM);
        if (flags & MAP_FIXED_NOREPLACE) {
            if (!range_free_locked(addr, addr + len)) return Error(EEXIST);
            TRY(may_expand_locked(prot, flags, len / kPageSize));
        } else {
            TRY(may_expand_locked(prot, flags, len / kPageSize, pages_in_locked(addr, addr + len, false)));
            TRY(unmap_locked(addr, addr + len));
        }
        start = addr;
    } else {
        TRY(may_expand_locked(prot, flags, len / kPageSize));
        start = TRY(find_free_locked(addr, len));
    }
    Vma* v = new (std::nothrow) Vma{start, start + len, prot, flags, object, offset / kPageSize, name, RbNode()};
    if (!v) return Error(ENOMEM);
    if (attach_locked(*v).is_error()) {
        delete v;
        return Error(ENOMEM);
    }
    v->locked = m_lock_future;
    v->accounted = !is_shared(*v) && (prot & PROT_WRITE);
    insert_locked(v);
    merge_range_locked(start, start + len);
    return start;
}

Result<void> AddressSpace::unmap(uptr addr, usize length) {
    if (!is_aligned(addr, kPageSize) || length == 0) return Error(EINVAL);
    uptr end = align_up(addr + length, kPageSize);
    if (end < addr || end > kUserTop) return Error(EINVAL);
    MutexGuard g(m_lock);
    return unmap_locked(addr, end);
}

Result<void> AddressSpace::protect(uptr addr, usize length, u32 prot) {
    if (!is_aligned(addr, kPageSize)) return Error(EINVAL);
    uptr end = align_up(addr + length, kPageSize);
    if (end < addr) return Error(ENOMEM);
    if (length == 0) return {};
    MutexGuard g(m_lock);
    // Linux: ENOMEM when any part of the range is unmapped.
    for (uptr a = addr; a < end;) {
        Vma* v = find_locked(a);
        if (!v) return Error(ENOMEM);
        if ((prot & PROT_WRITE) && (v->flags & kMapNoMayWrite)) return Error(EACCES);
        // A shared mapping of a file opened read-only can never become writable (VM_MAYWRITE).
        if ((prot & PROT_WRITE) && is_shared(*v) && v->object && !v->object->may_write_shared()) return Error(EACCES);
        a = v->end;
    }
    // linux: mprotect_fixup(): memory turning into data counts against RLIMIT_DATA.
    if (is_data_vma(prot, MAP_PRIVATE)) {
        usize turning = 0;
        for (Vma* v = find_locked(addr); v && v->start < end; v = m_vmas.next_of(*v))
            if (is_data_vma(prot, v->flags) && !is_data_vma(*v))
                turning += (min(v->end, end) - max(v->start, addr)) / kPageSize;
        if (turning && pages_in_locked(0, kUserTop, true) + turning > data_limit / kPageSize) return Error(ENOMEM);
    }
    // The loop above proved the whole range is mapped.
    if (Vma* v = find_locked(addr); v && v->start < addr) TRY(split_locked(v, addr));
    if (Vma* v = find_locked(end - 1); v && v->end > end) TRY(split_locked(v, end));
    for (Vma* v = find_locked(addr); v && v->start < end; v = m_vmas.next_of(*v)) {
        v->prot = prot;
        if (!is_shared(*v) && (prot & PROT_WRITE)) v->accounted = true;
        Vma& vr = *v;
        m_pt.for_each(v->start, v->end, [&](uptr va, arch::UserPage p) {
            // Pages shared copy-on-write (or the zero page, or page-cache pages of a private
            // mapping) stay read-only until the write fault copies them.
            bool exclusive = is_shared(vr) || (page_refcount(p.phys) == 1 && p.phys != zero_page());
            m_pt.protect(va, pte_flags_for(vr, exclusive));
        });
    }
    merge_range_locked(addr, end);
    return {};
}

uptr AddressSpace::brk(uptr new_brk) {
    MutexGuard g(m_lock);
    if (new_brk == 0 || new_brk < m_brk_start) return m_brk;
    uptr old_end = align_up(m_brk, kPageSize);
    uptr new_end = align_up(new_brk, kPageSize);
    if (new_end > old_end) {
        if (!range_free_locked(old_end, new_end) || new_end > kUserTop) return m_brk;
        // linux: check_data_rlimit() on the heap's size, then may_expand_vm() for the growth.
        if (new_brk - m_brk_start > data_limit) return m_brk;
        if (may_expand_locked(PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, (new_end - old_end) / kPageSize)
                .is_error())
            return m_brk;
        Vma* heap = old_end > m_brk_start ? find_locked(old_end - 1) : nullptr;
        if (heap && heap->end == old_end && !heap->object && heap->name) {
            heap->end = new_end;
        } else {
            Vma* v = new (std::nothrow) Vma{old_end, new_end, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
                                            nullptr, 0, "[heap]", RbNode()};
            if (!v) return m_brk;
            insert_locked(v);
        }
    } else if (new_end < old_end) {
        if (unmap_locked(new_end, old_end).is_error()) return m_brk;
    }
    m_brk = new_brk;
    return m_brk;
}

Result<uptr> AddressSpace::remap(uptr old_addr, usize old_size, usize new_size, u32 flags, uptr new_addr) {
    if (!is_aligned(old_addr, kPageSize) || new_size == 0) return Error(EINVAL);
    if (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED)) return Error(EINVAL);
    if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE)) return Error(EINVAL);
    usize old_len = align_up(old_size, kPageSize), new_len = align_up(new_size, kPageSize);
    MutexGuard g(m_lock);
    Vma* v = find_locked(old_addr);
    if (!v || old_addr + old_len > v->end) return Error(EFAULT);
    if (flags & MREMAP_FIXED) {
        if (!is_aligned(new_addr, kPageSize) || new_addr < kMmapMin) return Error(EINVAL);
        if (new_addr < old_addr + old_len && new_addr + new_len > old_addr) return Error(EINVAL);
    } else {
        if (new_len <= old_len) {
            if (new_len < old_len) TRY(unmap_locked(old_addr + new_len, old_addr + old_len));
            return old_addr;
        }
        // linux: vma_to_resize(): the growth counts against RLIMIT_AS/RLIMIT_DATA.
        TRY(may_expand_locked(v->prot, v->flags, (new_len - old_len) / kPageSize));
        // Grow in place when the VMA ends here and the space after it is free.
        if (old_addr + old_len == v->end && range_free_locked(v->end, old_addr + new_len)) {
            v->end = old_addr + new_len;
            return old_addr;
        }
        if (!(flags & MREMAP_MAYMOVE)) return Error(ENOMEM);
    }
    // Move: carve the old range into its own VMA, pick the destination, move the page mappings.
    if (v->start < old_addr) {
        TRY(split_locked(v, old_addr));
        v = find_locked(old_addr);
        VERIFY(v);
    }
    if (v->end > old_addr + old_len) TRY(split_locked(v, old_addr + old_len));
    uptr dest;
    if (flags & MREMAP_FIXED) {
        TRY(unmap_locked(new_addr, new_addr + new_len));
        dest = new_addr;
    } else {
        dest = TRY(find_free_locked(0, new_len));
    }
    usize keep = min(old_len, new_len);
    Result<void> moved = {};
    m_pt.for_each(old_addr, old_addr + keep, [&](uptr va, arch::UserPage p) {
        if (moved.is_error()) return;
        auto r = m_pt.map(dest + (va - old_addr), p.phys, p.flags);
        if (r.is_error()) {
            moved = r.error();
            return;
        }
        m_pt.unmap(va);
    });
    TRY(moved);
    if (old_len > keep) unmap_pages_locked(old_addr + keep, old_addr + old_len);
    m_vmas.remove(*v);
    v->start = dest;
    v->end = dest + new_len;
    insert_locked(v);
    return dest;
}

FaultResult AddressSpace::fault_locked(Vma* v, uptr page, bool write) {
    arch::UserPage cur;
    bool present = m_pt.query(page, cur);
    if (present) {
        if (!write || (cur.flags & arch::kUserWrite)) return FaultResult::Handled;   // raced: already fixed
        if (is_shared(*v)) {
            m_pt.protect(page, pte_flags_for(*v, true));
            return FaultResult::Handled;
        }
        // Copy-on-write. Sole owner of an anonymous page: take it over without copying.
        if (cur.phys != zero_page() && page_refcount(cur.phys) == 1) {
            m_pt.protect(page, pte_flags_for(*v, true));
            return FaultResult::Handled;
        }
        auto fresh = pmm_alloc(0);
        if (fresh.is_error()) return FaultResult::Oom;
        note_private_page_locked(*v);
        __builtin_memcpy(arch::phys_to_virt(fresh.value()), arch::phys_to_virt(cur.phys), kPageSize);
        if (m_pt.map(page, fresh.value(), pte_flags_for(*v, true)).is_error()) {
            page_unref(fresh.value());
            return FaultResult::Oom;
        }
        page_unref(cur.phys);
        return FaultResult::Handled;
    }
    PhysAddr frame;
    bool writable;
    if (!v->object) {
        if (write || is_shared(*v)) {
            auto z = page_alloc_zeroed();
            if (z.is_error()) return FaultResult::Oom;
            if (!is_shared(*v)) note_private_page_locked(*v);
            frame = z.value();
            writable = true;
        } else {
            frame = zero_page();
            page_ref(frame);
            writable = false;
        }
    } else {
        u64 index = v->pgoff + (page - v->start) / kPageSize;
        if (index * kPageSize >= v->object->size_bytes()) return FaultResult::Bus;
        auto p = v->object->get_page(index);
        if (p.is_error()) return p.error_code() == ENOMEM ? FaultResult::Oom : FaultResult::Bus;
        frame = p.value();
        writable = is_shared(*v);
        if (write && !writable) {
            auto copy = pmm_alloc(0);
            if (copy.is_error()) {
                page_unref(frame);
                return FaultResult::Oom;
            }
            note_private_page_locked(*v);
            __builtin_memcpy(arch::phys_to_virt(copy.value()), arch::phys_to_virt(frame), kPageSize);
            page_unref(frame);
            frame = copy.value();
            writable = true;
        }
    }
    if (m_pt.map(page, frame, pte_flags_for(*v, writable)).is_error()) {
        page_unref(frame);
        return FaultResult::Oom;
    }
    return FaultResult::Handled;
}

Result<AddressSpace::Backing> AddressSpace::backing_at(uptr addr) {
    MutexGuard g(m_lock);
    Vma* v = find_locked(addr);
    if (!v) return Error(EFAULT);
    Backing b{v->object, 0, v->prot, is_shared(*v)};
    if (v->object) b.offset = v->pgoff * kPageSize + (addr - v->start);
    return b;
}

FaultResult AddressSpace::handle_fault(uptr addr, bool write, bool exec) {
    if (addr >= kUserTop) return FaultResult::Segv;
    MutexGuard g(m_lock);
    uptr page = align_down(addr, kPageSize);
    Vma* v = find_locked(addr);
    if (!v) {
        // A stack grows down into the gap below it, as far as RLIMIT_STACK allows, but never to
        // touch the mapping below (Linux keeps a guard gap; one page here).
        Vma* next = find_next_locked(addr);
        if (!next || !(next->flags & MAP_GROWSDOWN) || next->end - page > stack_limit) return FaultResult::Segv;
        Vma* prev = m_vmas.prev_of(*next);
        if (prev && prev->end + kPageSize > page) return FaultResult::Segv;
        // linux: acct_stack_growth(): the new stack pages count against RLIMIT_AS.
        if (may_expand_locked(next->prot, next->flags, (next->start - page) / kPageSize).is_error())
            return FaultResult::Segv;
        next->start = page;
        v = next;
    }
    if (exec && !(v->prot & PROT_EXEC)) return FaultResult::SegvAccess;
    if (write && !(v->prot & PROT_WRITE)) return FaultResult::SegvAccess;
    if (!write && !exec && !(v->prot & (PROT_READ | PROT_WRITE | PROT_EXEC))) return FaultResult::SegvAccess;
    return fault_locked(v, page, write);
}

FaultResult AddressSpace::force_fault(uptr addr, bool write) {
    if (addr >= kUserTop) return FaultResult::Segv;
    MutexGuard g(m_lock);
    Vma* v = find_locked(addr);
    if (!v) return FaultResult::Segv;
    if (!(v->prot & (PROT_READ | PROT_WRITE | PROT_EXEC))) return FaultResult::SegvAccess;
    if (write && !(v->prot & PROT_WRITE) && is_shared(*v)) return FaultResult::SegvAccess;
    return fault_locked(v, align_down(addr, kPageSize), write);
}

Result<RefPtr<AddressSpace>> AddressSpace::fork() {
    auto child = TRY(AddressSpace::create());
    child->membarrier_state.store(membarrier_state.load(std::memory_order_relaxed), std::memory_order_relaxed);
    TRY(arch::ldt_fork(*this, *child));
    MutexGuard g(m_lock);
    for (Vma& v : m_vmas) {
        if (v.dontfork) continue;
        Vma* nv = new (std::nothrow) Vma(v);
        if (!nv) return Error(ENOMEM);
        nv->node = RbNode();
        nv->locked = false;   // memory locks are not inherited
        if (nv->anon_id) nv->anon_id = next_anon_id();   // anon_vma_fork: the child's own
        if (child->attach_locked(*nv).is_error()) {
            delete nv;
            return Error(ENOMEM);
        }
        child->m_vmas.insert(*nv);
        if (v.wipeonfork) continue;   // the child faults in fresh zero pages
        TRY(m_pt.copy_range(child->m_pt, v.start, v.end, !is_shared(v), page_ref));
    }
    child->m_brk_start = m_brk_start;
    child->m_brk = m_brk;
    child->m_mmap_base = m_mmap_base;
    child->stack_limit = stack_limit;
    child->as_limit = as_limit;
    child->data_limit = data_limit;
    child->exe_file = exe_file;
    return child;
}

usize AddressSpace::resident_pages() {
    MutexGuard g(m_lock);
    usize n = 0;
    // Walk only what is mapped: a page-table page is 512 entries however little of it a small
    // mapping uses, and exit samples this for ru_maxrss.
    for (Vma& v : m_vmas) m_pt.for_each(v.start, v.end, [&](uptr, arch::UserPage) { n++; });
    return n;
}
