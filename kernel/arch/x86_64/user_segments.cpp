// SPDX-License-Identifier: MIT
// The segment state a context switch carries for threads that use LDT segments (modify_ldt):
// the %fs/%gs selectors are saved and reloaded, so a segment loaded from an LDT entry keeps its
// base across switches (linux: save_fsgs, x86_fsgsbase_load), and the CPU's LDT follows the
// address space. Threads that never used segments cost one flag test per switch. (The GDT TLS
// entries of set_thread_area exist only for 32-bit callers on Linux; 64-bit ones get ENOSYS.)
#include <asm/ldt.h>

#include "arch/cpu.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/user_segments.h"
#include "core/percpu.h"
#include "core/process.h"
#include "core/thread.h"
#include "mm/address_space.h"
#include "arch/x86_64/gdt.h"

namespace x86 {

namespace {

static_assert(sizeof(user_desc) == 16);

// This CPU's LDT or a segment register may hold another thread's values.
bool g_cpu_dirty[kMaxCpus];


enum class Seg { Ds, Es, Fs, Gs };

u16 read_sel(Seg r) {
    u16 v;
    switch (r) {
    case Seg::Ds: asm volatile("movw %%ds, %0" : "=r"(v)); break;
    case Seg::Es: asm volatile("movw %%es, %0" : "=r"(v)); break;
    case Seg::Fs: asm volatile("movw %%fs, %0" : "=r"(v)); break;
    case Seg::Gs: asm volatile("movw %%gs, %0" : "=r"(v)); break;
    }
    return v;
}

// linux: load_gs_index(): %gs is loaded with the user's base swapped in, so the kernel's per-CPU
// base stays where it is; no interrupt may come between the two swapgs.
void load_user_gs(u16 sel) {
    arch::IrqState irq = arch::irq_save();
    asm volatile("swapgs\n\tmovw %0, %%gs\n\tswapgs" : : "r"(sel) : "memory");
    arch::irq_restore(irq);
}


// Whether loading sel into a data segment register cannot fault: null, or RPL 3 naming a present
// DPL 3 data or readable code descriptor of the GDT or of the address space's LDT (the one
// loaded on this CPU). Anything else is loaded as null instead, as Linux's loadsegment fixup
// does: a fault here, between the swapgs pair of a %gs load, could not be recovered from.
bool loadable(u16 sel, const AddressSpace* mm) {
    if ((sel & ~3u) == 0) return true;
    if ((sel & 3) != 3) return false;
    unsigned index = sel >> 3;
    u64 d;
    if (sel & 4) {
        if (!mm || !mm->ldt || index >= mm->ldt_entries) return false;
        d = mm->ldt[index];
    } else {
        d = gdt_entry(index);
    }
    bool present = (d >> 47) & 1, user = (d >> 44) & 1, dpl3 = ((d >> 45) & 3) == 3;
    bool code = (d >> 43) & 1, readable = (d >> 41) & 1;
    return present && user && dpl3 && (!code || readable);
}

u16 safe(u16 sel, const AddressSpace* mm) { return loadable(sel, mm) ? sel : 0; }

const AddressSpace* mm_of(Thread& t) { return t.process ? t.process->mm.ptr() : nullptr; }

}  // namespace

bool user_desc_empty(const user_desc& d) {
    return d.base_addr == 0 && d.limit == 0 && d.contents == 0 && d.read_exec_only == 1 && d.seg_32bit == 0 &&
           d.limit_in_pages == 0 && d.seg_not_present == 1 && d.useable == 0 && d.lm == 0;
}

// linux: fill_ldt(): a DPL 3 code/data descriptor, accessed bit set, never 64-bit code.
u64 encode_user_desc(const user_desc& d) {
    u64 base = d.base_addr, limit = d.limit;
    u64 type = ((d.read_exec_only ^ 1u) << 1) | (u64(d.contents) << 2) | 1;
    return (limit & 0xffff) | ((base & 0xffffff) << 16) | (type << 40) | (1ull << 44) | (3ull << 45) |
           (u64(d.seg_not_present ^ 1u) << 47) | (((limit >> 16) & 0xf) << 48) | (u64(d.useable) << 52) |
           (u64(d.seg_32bit) << 54) | (u64(d.limit_in_pages) << 55) | (((base >> 24) & 0xff) << 56);
}

void mark_segments_used(Thread& t) {
    t.uses_segments = true;
    g_cpu_dirty[this_cpu()->id] = true;
}

void refresh_ldt_segments() {
    // linux: refresh_ldt_segments(): %ds and %es holding LDT selectors are loaded again from the
    // new table (null when their entry no longer allows it); %fs and %gs keep their bases.
    const AddressSpace* mm = mm_of(*current_thread());
    u16 ds = read_sel(Seg::Ds), es = read_sel(Seg::Es);
    if (ds & 4) asm volatile("movw %0, %%ds" : : "r"(safe(ds, mm)));
    if (es & 4) asm volatile("movw %0, %%es" : : "r"(safe(es, mm)));
}

void save_user_segments(Thread& t) {
    t.user_fsindex = read_sel(Seg::Fs);
    t.user_gsindex = read_sel(Seg::Gs);
    t.user_ds = read_sel(Seg::Ds);
    t.user_es = read_sel(Seg::Es);
    // The bases in use, however they were set (a selector loads its descriptor's): restored as
    // they are, as Linux's FSGSBASE switch does (x86_fsgsbase_load).
    t.fs_base = rdmsr(kMsrFsBase);
    t.gs_base = rdmsr(kMsrKernelGsBase);
}

void load_user_segments(Thread& next) {
    unsigned cpu = this_cpu()->id;
    const AddressSpace* mm = mm_of(next);
    // A thread of an address space that got an LDT after the thread last ran still has null
    // selectors: from now on it keeps them like the others.
    if (!next.uses_segments && mm && mm->ldt) next.uses_segments = true;
    if (!next.uses_segments && !g_cpu_dirty[cpu]) return;
    set_ldt_for(next);
    bool used = next.uses_segments;
    u16 ds = used ? safe(next.user_ds, mm) : 0, es = used ? safe(next.user_es, mm) : 0;
    u16 fs = used ? safe(next.user_fsindex, mm) : 0, gs = used ? safe(next.user_gsindex, mm) : 0;
    asm volatile("movw %0, %%ds\n\tmovw %1, %%es\n\tmovw %2, %%fs" : : "r"(ds), "r"(es), "r"(fs));
    load_user_gs(gs);
    wrmsr(kMsrFsBase, next.fs_base);
    wrmsr(kMsrKernelGsBase, next.gs_base);
    g_cpu_dirty[cpu] = used;
}

void reset_user_segments(Thread& t) {
    t.user_fsindex = t.user_gsindex = t.user_ds = t.user_es = 0;
    if (!t.uses_segments) return;
    t.uses_segments = false;
    u16 zero = 0;
    asm volatile("movw %0, %%ds\n\tmovw %0, %%es\n\tmovw %0, %%fs" : : "r"(zero));
    load_user_gs(0);
    gdt_load_ldt(nullptr, 0);   // the new program's address space has no LDT
}

void forget_user_fs(Thread& t) {
    if (!t.uses_segments) return;
    t.user_fsindex = 0;
    u16 zero = 0;
    asm volatile("movw %0, %%fs" : : "r"(zero));
}

void forget_user_gs(Thread& t) {
    if (!t.uses_segments) return;
    t.user_gsindex = 0;
    load_user_gs(0);
}

}  // namespace x86
