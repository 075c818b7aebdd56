// SPDX-License-Identifier: MIT
// The AddressSpace side of the NUMA policy calls: mbind's per-VMA policies, their home node, and
// move_pages' view of a page (linux: mm/mempolicy.c mbind_range, mm/migrate.c do_pages_stat).
#include "abi/linux/uapi.h"
#include "mm/address_space.h"
#include "mm/page_ref.h"

Result<void> AddressSpace::set_policy(uptr start, uptr end, const MemPolicy& policy, bool discontig) {
    MutexGuard g(m_lock);
    Vma* first = find_next_locked(start);
    if (!first || first->start >= end) return Error(EFAULT);
    if (!discontig) {
        uptr at = start;
        for (Vma* v = first; v && v->start < end; v = m_vmas.next_of(*v)) {
            if (v->start > at) return Error(EFAULT);
            at = v->end;
        }
        if (at < end) return Error(EFAULT);
    }
    TRY(split_range_locked(start, end));
    for (Vma* v = find_next_locked(start); v && v->start < end; v = m_vmas.next_of(*v)) v->policy = policy;
    merge_range_locked(start, end);
    return {};
}

Result<MemPolicy> AddressSpace::policy_at(uptr addr) {
    MutexGuard g(m_lock);
    Vma* v = find_locked(addr);
    if (!v) return Error(EFAULT);
    return v->policy;
}

Result<void> AddressSpace::set_home_node(uptr start, uptr end, int home_node) {
    MutexGuard g(m_lock);
    bool changed = false;   // linux: ENOENT unless some VMA had a policy to change
    for (uptr at = start; at < end;) {
        Vma* v = find_next_locked(at);
        if (!v || v->start >= end) break;
        uptr a = max(v->start, at), b = min(v->end, end);
        at = b;
        if (v->policy.mode == MPOL_DEFAULT) continue;
        if (v->policy.mode != MPOL_BIND && v->policy.mode != MPOL_PREFERRED_MANY) return Error(EOPNOTSUPP);
        TRY(split_range_locked(a, b));
        find_locked(a)->policy.home_node = home_node;
        merge_range_locked(a, b);
        changed = true;
    }
    if (!changed) return Error(ENOENT);
    return {};
}

int AddressSpace::page_node_status(uptr addr) {
    MutexGuard g(m_lock);
    Vma* v = find_locked(addr);
    if (!v) return -EFAULT;
    arch::UserPage p;
    if (m_pt.query(addr & ~(kPageSize - 1), p) && p.phys != zero_page()) return 0;
    // linux: no_page_table(): anonymous memory has nothing to report, a file mapping "no page".
    return v->object && v->object->page_cache() ? -ENOENT : -EFAULT;
}
