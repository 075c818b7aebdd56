// SPDX-License-Identifier: MIT
// User page tables: one root per address space, the kernel half shared with every root (PML4
// entries 256-511 are copied from the kernel's at creation and never change).
#pragma once

#include "lib/result.h"

namespace arch {

enum UserPte : u32 {
    kUserWrite = 1u << 0,
    kUserExec = 1u << 1,
    // Mapped but inaccessible (PROT_NONE): the frame stays owned by the mapping while the
    // hardware entry is not present, so every access faults (Linux's _PAGE_PROTNONE idea).
    kUserNone = 1u << 2,
};

struct UserPage {
    PhysAddr phys;
    u32 flags;   // UserPte bits
};

class UserPageTable {
public:
    static Result<UserPageTable> create();
    // Frees every page-table page of the user half. Mapped frames are not touched: the address
    // space unmaps (and unrefs) them first.
    void destroy();

    u64 root() const { return m_root; }
    // Maps one 4 KiB page, replacing any mapping (the old frame is returned so the caller can
    // drop its reference). ENOMEM when a page-table page cannot be allocated.
    Result<PhysAddr> map(uptr va, PhysAddr pa, u32 flags);
    // Removes the mapping; returns the frame that was mapped or 0.
    PhysAddr unmap(uptr va);
    bool query(uptr va, UserPage& out) const;
    // Changes the permission bits of a present page (no-op when absent).
    void protect(uptr va, u32 flags);
    // Removes every mapping in [start, end), calling fn(ctx, frame) for each frame unmapped.
    void unmap_range(uptr start, uptr end, void (*fn)(void*, PhysAddr), void* ctx);
    // fork: maps every page of [start, end) into child at the same address with the same bits;
    // with cow, writable pages lose write access in both tables. ref(frame) for each page copied.
    // ENOMEM (part copied) when a page-table page cannot be allocated.
    Result<void> copy_range(UserPageTable& child, uptr start, uptr end, bool cow, void (*ref)(PhysAddr));
    // Calls fn(va, page) for each mapped page (kUserNone ones included) in [start, end), walking the tree once.
    template <typename Fn>
    void for_each(uptr start, uptr end, Fn fn) const;

private:
    explicit UserPageTable(u64 root) : m_root(root) {}
    u64 m_root = 0;
    friend void for_each_present(const UserPageTable&, uptr, uptr, void (*)(void*, uptr, UserPage), void*);
};

void for_each_present(const UserPageTable& t, uptr start, uptr end, void (*fn)(void*, uptr, UserPage), void* ctx);

template <typename Fn>
void UserPageTable::for_each(uptr start, uptr end, Fn fn) const {
    for_each_present(*this, start, end, [](void* c, uptr va, UserPage p) { (*static_cast<Fn*>(c))(va, p); }, &fn);
}

// Loads an address space's root (CR3), or the kernel's when root is 0.
void switch_page_table(u64 root);
void flush_tlb_page(uptr va);
void flush_tlb_all();

}  // namespace arch
