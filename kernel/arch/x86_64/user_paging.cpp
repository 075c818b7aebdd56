// SPDX-License-Identifier: MIT
#include "arch/user_paging.h"

#include "arch/paging.h"
#include "arch/x86_64/cpu.h"
#include "core/log.h"
#include "core/panic.h"
#include "mm/page_frame.h"
#include "mm/pmm.h"

namespace {

constexpr u64 kPresent = 1, kWrite = 2, kUser = 4, kHuge = 128;
constexpr u64 kNoExec = 1ull << 63;
constexpr u64 kProtNone = 1ull << 9;   // software bit: a PROT_NONE leaf (not present to the CPU)
constexpr u64 kAddrMask = 0x000ffffffffff000ull;

u64* table(u64 phys) { return static_cast<u64*>(arch::phys_to_virt(PhysAddr(phys))); }
unsigned idx(uptr va, unsigned level) { return (va >> (12 + 9 * level)) & 511; }

// EFER.NXE, read once (an MSR read per leaf written showed in fork's profile).
bool nx_supported() {
    static i8 cached = -1;
    if (cached < 0) cached = (x86::rdmsr(x86::kMsrEfer) & (1u << 11)) ? 1 : 0;
    return cached;
}

// A leaf that holds a frame: present, or PROT_NONE.
bool leaf_mapped(u64 e) { return e & (kPresent | kProtNone); }

u64 leaf_bits(u32 flags) {
    if (flags & arch::kUserNone) return kProtNone;
    u64 e = kPresent | kUser;
    if (flags & arch::kUserWrite) e |= kWrite;
    if (!(flags & arch::kUserExec) && nx_supported()) e |= kNoExec;
    return e;
}

u32 flags_of(u64 e) {
    if (!(e & kPresent)) return arch::kUserNone;
    u32 f = 0;
    if (e & kWrite) f |= arch::kUserWrite;
    if (!(e & kNoExec)) f |= arch::kUserExec;
    return f;
}

u64* walk(u64 root, uptr va, bool create, bool& oom) {
    u64* t = table(root);
    for (unsigned level = 3; level > 0; level--) {
        u64& e = t[idx(va, level)];
        if (!(e & kPresent)) {
            if (!create) return nullptr;
            auto page = pmm_alloc_zeroed(0);
            if (page.is_error()) {
                oom = true;
                return nullptr;
            }
            pmm_frame(page.value())->flags |= PageFrame::kPageTable;
            // Intermediate levels allow everything; the leaf decides.
            e = page.value().value | kPresent | kWrite | kUser;
        }
        t = table(e & kAddrMask);
    }
    return &t[idx(va, 0)];
}

// The index of the first non-zero entry of t in [i, n), or n: repe scasq, one instruction per
// empty entry skipped (page tables are mostly empty; exit and fork scan them).
[[gnu::noinline]] unsigned scan_used(const u64* t, unsigned i, unsigned n) {
    const u64* p = t + i;
    usize count = n - i;
    bool found;
    asm volatile("repe scasq" : "+D"(p), "+c"(count), "=@ccnz"(found) : "a"(0ull) : "memory");
    return found ? static_cast<unsigned>(p - t - 1) : n;
}
inline unsigned next_used(const u64* t, unsigned i, unsigned n) {
    if (i >= n || t[i]) return i < n ? i : n;   // a dense table needs no scan
    return scan_used(t, i, n);
}

// Calls fn(leaf_table, first, last, va_of_first) for every run of leaf entries in [start, end)
// whose page table exists, walking from the root once per page table (fork, exit and munmap
// touch only what is mapped, and each page in place).
template <typename Fn>
void for_each_leaf_run(u64 root, uptr start, uptr end, Fn fn) {
    uptr va = start;
    while (va < end) {
        u64* tab = table(root);
        bool skipped = false;
        for (unsigned level = 3; level > 0; level--) {
            u64 e = tab[idx(va, level)];
            if (!(e & kPresent)) {
                uptr span = uptr(1) << (12 + 9 * level);
                uptr next = (va & ~(span - 1)) + span;
                if (next <= va) return;   // wrapped: done
                va = next;
                skipped = true;
                break;
            }
            tab = table(e & kAddrMask);
        }
        if (skipped) continue;
        unsigned first = idx(va, 0);
        uptr table_end = (va | (uptr(512) * kPageSize - 1)) + 1;
        uptr run_end = min(end, table_end);
        unsigned last = first + unsigned((run_end - va) / kPageSize);   // exclusive
        if (!fn(tab, first, last, va)) return;
        va = run_end;
    }
}

void free_level(u64 phys, unsigned level) {
    if (level > 0) {
        u64* t = table(phys);
        for (unsigned i = next_used(t, 0, 512); i < 512; i = next_used(t, i + 1, 512))
            if ((t[i] & kPresent) && !(t[i] & kHuge)) free_level(t[i] & kAddrMask, level - 1);
    }
    pmm_frame(PhysAddr(phys))->flags &= ~PageFrame::kPageTable;
    pmm_free(PhysAddr(phys), 0);
}

}  // namespace

namespace arch {

Result<UserPageTable> UserPageTable::create() {
    PhysAddr root = TRY(pmm_alloc(0));
    pmm_frame(root)->flags |= PageFrame::kPageTable;
    u64* dst = table(root.value);
    const u64* src = table(kernel_pml4_phys());
    // An empty user half and the kernel's upper half, each written once.
    __builtin_memset(dst, 0, 256 * sizeof(u64));
    __builtin_memcpy(dst + 256, src + 256, 256 * sizeof(u64));
    return UserPageTable(root.value);
}

void UserPageTable::destroy() {
    if (!m_root) return;
    u64* t = table(m_root);
    for (unsigned i = next_used(t, 0, 256); i < 256; i = next_used(t, i + 1, 256))
        if (t[i] & kPresent) free_level(t[i] & kAddrMask, 2);
    pmm_frame(PhysAddr(m_root))->flags &= ~PageFrame::kPageTable;
    pmm_free(PhysAddr(m_root), 0);
    m_root = 0;
}

Result<PhysAddr> UserPageTable::map(uptr va, PhysAddr pa, u32 flags) {
    // A page mapped into user space must be an allocated page that is not a page table.
    {
        PageFrame* f = pmm_frame(pa);
        if ((f->flags & PageFrame::kPageTable) || !(f->flags & PageFrame::kHead) || f->refcount == 0)
            panic("user map of %#llx at %#llx: frame flags %#x refcount %u", static_cast<unsigned long long>(pa.value),
                  static_cast<unsigned long long>(va), f->flags, f->refcount);
    }
    bool oom = false;
    u64* pte = walk(m_root, va, true, oom);
    if (!pte) return Error(ENOMEM);
    u64 old = *pte;
    *pte = pa.value | leaf_bits(flags);
    if (leaf_mapped(old)) {
        flush_tlb_page(va);
        return PhysAddr(old & kAddrMask);
    }
    return PhysAddr(0);
}

PhysAddr UserPageTable::unmap(uptr va) {
    bool oom = false;
    u64* pte = walk(m_root, va, false, oom);
    if (!pte || !leaf_mapped(*pte)) return PhysAddr(0);
    u64 old = *pte;
    *pte = 0;
    flush_tlb_page(va);
    return PhysAddr(old & kAddrMask);
}

bool UserPageTable::query(uptr va, UserPage& out) const {
    bool oom = false;
    u64* pte = walk(m_root, va, false, oom);
    if (!pte || !leaf_mapped(*pte)) return false;
    out = UserPage{PhysAddr(*pte & kAddrMask), flags_of(*pte)};
    return true;
}

void UserPageTable::protect(uptr va, u32 flags) {
    bool oom = false;
    u64* pte = walk(m_root, va, false, oom);
    if (!pte || !leaf_mapped(*pte)) return;
    *pte = (*pte & kAddrMask) | leaf_bits(flags);
    flush_tlb_page(va);
}

void for_each_present(const UserPageTable& t, uptr start, uptr end, void (*fn)(void*, uptr, UserPage), void* ctx) {
    for_each_leaf_run(t.m_root, start, end, [&](u64* tab, unsigned first, unsigned last, uptr va) {
        for (unsigned i = next_used(tab, first, last); i < last; i = next_used(tab, i + 1, last)) {
            u64 e = tab[i];
            if (leaf_mapped(e)) fn(ctx, va + (i - first) * kPageSize, UserPage{PhysAddr(e & kAddrMask), flags_of(e)});
        }
        return true;
    });
}

void UserPageTable::unmap_range(uptr start, uptr end, void (*fn)(void*, PhysAddr), void* ctx) {
    for_each_leaf_run(m_root, start, end, [&](u64* tab, unsigned first, unsigned last, uptr va) {
        for (unsigned i = next_used(tab, first, last); i < last; i = next_used(tab, i + 1, last)) {
            u64 e = tab[i];
            if (!leaf_mapped(e)) continue;
            tab[i] = 0;
            flush_tlb_page(va + (i - first) * kPageSize);
            fn(ctx, PhysAddr(e & kAddrMask));
        }
        return true;
    });
}

Result<void> UserPageTable::copy_range(UserPageTable& child, uptr start, uptr end, bool cow,
                                       void (*ref)(PhysAddr)) {
    bool oom = false;
    bool protected_any = false;
    for_each_leaf_run(m_root, start, end, [&](u64* tab, unsigned first, unsigned last, uptr va) {
        u64* dst = nullptr;
        for (unsigned i = next_used(tab, first, last); i < last; i = next_used(tab, i + 1, last)) {
            u64 e = tab[i];
            if (!leaf_mapped(e)) continue;
            if (!dst) {
                dst = walk(child.m_root, va + (i - first) * kPageSize, true, oom);
                if (!dst) return false;
                dst -= i;   // indexed like tab
            }
            if (cow && (e & kWrite)) {
                e &= ~kWrite;   // the parent loses write access too: copy on write
                tab[i] = e;
                protected_any = true;
            }
            dst[i] = e;
            ref(PhysAddr(e & kAddrMask));
        }
        return true;
    });
    // One flush for every entry write-protected above (they may be cached writable).
    if (protected_any) flush_tlb_all();
    if (oom) return Error(ENOMEM);
    return {};
}

void switch_page_table(u64 root) {
    u64 target = root ? root : kernel_pml4_phys();
    if (x86::read_cr3() != target) x86::write_cr3(target);
}

void flush_tlb_page(uptr va) { x86::invlpg(va); }
void flush_tlb_all() { x86::write_cr3(x86::read_cr3()); }

}  // namespace arch

