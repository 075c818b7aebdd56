// SPDX-License-Identifier: MIT
// /proc/<pid>/smaps: each maps line followed by the memory figures of the VMA, in Linux 6.1's
// layout (fs/proc/task_mmu.c show_smap). Mapping counts come from page reference counts (a page
// in a page cache or shared-memory object carries one more). LINUX-DIVERGENCE: no dirty or
// accessed bits are read: anonymous pages count as dirty, file pages as clean, all as referenced.
#include "abi/linux/uapi.h"
#include "arch/user_paging.h"
#include "fs/procfs/proc_internal.h"
#include "fs/procfs/proc_show.h"
#include "fs/procfs/proc_task.h"
#include "fs/vfs/path.h"
#include "mm/address_space.h"
#include "mm/kheap.h"
#include "mm/page_cache.h"
#include "mm/page_ref.h"

namespace {

constexpr u64 kPssShift = 12;

struct SmapStats {
    u64 resident = 0, pss = 0, pss_dirty = 0;
    u64 shared_clean = 0, shared_dirty = 0, private_clean = 0, private_dirty = 0;
    u64 anonymous = 0, locked = 0;
};

void count_page(SmapStats& s, u64 mapcount, bool dirty, bool anon, bool locked) {
    u64 share = (kPageSize << kPssShift) / (mapcount ? mapcount : 1);
    s.resident += kPageSize;
    s.pss += share;
    if (dirty) s.pss_dirty += share;
    if (mapcount >= 2) (dirty ? s.shared_dirty : s.shared_clean) += kPageSize;
    else (dirty ? s.private_dirty : s.private_clean) += kPageSize;
    if (anon) s.anonymous += kPageSize;
    if (locked) s.locked += share;
}

SmapStats stats_of(const AddressSpace& mm, const Vma& v) {
    SmapStats s;
    PageCache* cache = v.object ? v.object->page_cache() : nullptr;
    proc_page_table_of(mm).for_each(v.start, v.end, [&](uptr va, arch::UserPage p) {
        if (p.phys == zero_page()) return;   // not a "normal" page: Linux skips it
        u64 refs = page_refcount(p.phys);
        bool anon = !v.object;
        if (v.object) {
            // A private mapping's own copy is anonymous; otherwise the object holds a reference.
            PhysAddr in_cache = cache ? cache->lookup(v.pgoff + (va - v.start) / kPageSize) : PhysAddr(0);
            if (in_cache.value) {
                page_unref(in_cache);
                anon = in_cache.value != p.phys.value;
            } else {
                anon = cache != nullptr;   // shared memory pages always belong to the object
            }
            if (!anon) refs = refs > 1 ? refs - 1 : 1;
        }
        count_page(s, refs, anon, anon, v.locked);
    });
    return s;
}

void put_kb(SeqBuf& out, const char* label, u64 bytes) {
    out.put_dec(label, bytes >> 10, 8);
}

void show_flags(SeqBuf& out, const Vma& v) {
    bool shared = v.flags & MAP_SHARED;
    // A shared mapping of a file opened read-only is neither VM_SHARED nor VM_MAYWRITE.
    bool may_write = !shared || !v.object || v.object->may_write_shared();
    out.append("VmFlags:");
    auto flag = [&](bool on, const char* name) {
        if (!on) return;
        out.putc(' ');
        out.append(name);
    };
    flag(v.prot & PROT_READ, "rd");
    flag(v.prot & PROT_WRITE, "wr");
    flag(v.prot & PROT_EXEC, "ex");
    flag(shared && may_write, "sh");
    flag(true, "mr");
    flag(may_write, "mw");
    flag(true, "me");
    flag(shared, "ms");
    flag(v.flags & MAP_GROWSDOWN, "gd");
    flag(v.locked, "lo");
    flag(v.dontfork, "dc");
    flag(v.accounted, "ac");
    flag(v.wipeonfork, "wf");
    flag(true, "sd");   // VM_SOFTDIRTY: set on every new mapping until clear_refs
    out.append(" \n");
}

}  // namespace

PROC_SHOW(proc_show_pid_smaps) {
    TaskInfo t;
    if (task_snapshot(node.pid, node.tid, kTaskMm, t).is_error()) return Error(ESRCH);
    if (!t.mm) return {};
    auto* path = static_cast<char*>(kmalloc(kPathMax));
    if (!path) return Error(ENOMEM);
    AddressSpace& mm = *t.mm;
    mm.for_each_vma([&](const Vma& v) {
        proc_show_map_line(out, v, path);
        SmapStats s = stats_of(mm, v);
        put_kb(out, "Size:           ", v.end - v.start);
        put_kb(out, " kB\nKernelPageSize: ", kPageSize);
        put_kb(out, " kB\nMMUPageSize:    ", kPageSize);
        put_kb(out, " kB\nRss:            ", s.resident);
        put_kb(out, " kB\nPss:            ", s.pss >> kPssShift);
        put_kb(out, " kB\nPss_Dirty:      ", s.pss_dirty >> kPssShift);
        put_kb(out, " kB\nShared_Clean:   ", s.shared_clean);
        put_kb(out, " kB\nShared_Dirty:   ", s.shared_dirty);
        put_kb(out, " kB\nPrivate_Clean:  ", s.private_clean);
        put_kb(out, " kB\nPrivate_Dirty:  ", s.private_dirty);
        put_kb(out, " kB\nReferenced:     ", s.resident);
        put_kb(out, " kB\nAnonymous:      ", s.anonymous);
        put_kb(out, " kB\nLazyFree:       ", 0);
        put_kb(out, " kB\nAnonHugePages:  ", 0);
        put_kb(out, " kB\nShmemPmdMapped: ", 0);
        put_kb(out, " kB\nFilePmdMapped:  ", 0);
        put_kb(out, " kB\nShared_Hugetlb: ", 0);
        out.put_dec(" kB\nPrivate_Hugetlb: ", 0, 7);
        put_kb(out, " kB\nSwap:           ", 0);
        put_kb(out, " kB\nSwapPss:        ", 0);
        put_kb(out, " kB\nLocked:         ", s.locked >> kPssShift);
        out.append(" kB\nTHPeligible:    0\n");
        out.append("ProtectionKey:         0\n");   // pkeys are on in Linux on this CPU; none used
        show_flags(out, v);
    });
    kfree(path);
    return out.status();
}
