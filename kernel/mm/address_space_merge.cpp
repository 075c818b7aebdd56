// SPDX-License-Identifier: MIT
// VMA merging as Linux's vma_merge decides it, so /proc/<pid>/maps shows the same lines: two
// neighbours join when nothing a program can observe tells them apart.
#include "abi/linux/uapi.h"
#include "mm/address_space.h"

namespace {

bool same_source(const Vma& a, const Vma& b) {
    if (!a.object && !b.object) return true;
    if (!a.object || !b.object) return false;
    // The same object (pieces of one mapping), or two mappings of the same open file.
    bool same = a.object == b.object || (a.object->file() && a.object->file() == b.object->file());
    return same && a.pgoff + (a.end - a.start) / kPageSize == b.pgoff;
}

// a directly below b.
bool can_merge(const Vma& a, const Vma& b) {
    if (a.end != b.start) return false;
    if (a.prot != b.prot || a.flags != b.flags || a.name != b.name) return false;
    if (a.locked != b.locked || a.dontfork != b.dontfork || a.wipeonfork != b.wipeonfork || a.accounted != b.accounted)
        return false;
    if (a.anon_id && b.anon_id && a.anon_id != b.anon_id) return false;
    if (!(a.policy == b.policy)) return false;   // linux: mpol_equal()
    // Linux never merges VMAs whose vm_ops have a close hook (System V shm counts them).
    if (a.object && !a.object->vmas_mergeable()) return false;
    return same_source(a, b);
}

}  // namespace

void AddressSpace::note_private_page_locked(Vma& v) {
    if (v.anon_id) return;
    // Linux's find_mergeable_anon_vma: reuse a compatible neighbour's, so they can still merge.
    Vma* prev = m_vmas.prev_of(v);
    Vma* next = m_vmas.next_of(v);
    if (prev && prev->anon_id && prev->end == v.start && prev->flags == v.flags && same_source(*prev, v))
        v.anon_id = prev->anon_id;
    else if (next && next->anon_id && v.end == next->start && next->flags == v.flags && same_source(v, *next))
        v.anon_id = next->anon_id;
    else
        v.anon_id = next_anon_id();
}

void AddressSpace::merge_range_locked(uptr start, uptr end) {
    Vma* v = find_next_locked(start);
    if (!v) return;
    if (Vma* prev = m_vmas.prev_of(*v)) v = prev;
    while (v && v->start <= end) {
        Vma* next = m_vmas.next_of(*v);
        if (!next || !can_merge(*v, *next)) {
            v = next;
            continue;
        }
        v->end = next->end;
        if (!v->anon_id) v->anon_id = next->anon_id;
        m_vmas.remove(*next);
        detach_locked(*next);
        delete next;
    }
}
