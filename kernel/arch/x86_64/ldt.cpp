// SPDX-License-Identifier: MIT
// modify_ldt(2) (linux: arch/x86/kernel/ldt.c): a per-address-space table of up to 8192 user
// code and data descriptors, read (func 0), written (1, and 0x11 without the old mode's
// rules), and the all-zero "default LDT" (2). The table is allocated at its full size on the
// first write and never moves, so a CPU's LDTR never points at freed memory while the address
// space lives. Like Linux the call returns its int result as an unsigned 32-bit value (errors
// are then not in the -4095..-1 range of a 64-bit return). LINUX-DIVERGENCE: a write reaches
// the other CPUs running the address space at their next switch, not by an IPI.
#include "arch/cpu.h"
#include "arch/ldt.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/user_segments.h"
#include "core/process.h"
#include "core/thread.h"
#include "mm/address_space.h"
#include "mm/kheap.h"
#include "syscalls/handlers.h"

namespace {

constexpr u32 kLdtEntries = 8192;   // LDT_ENTRIES
constexpr u64 kLdtBytes = u64(kLdtEntries) * 8;
Mutex g_ldt_lock{"ldt"};

u64* alloc_table() { return static_cast<u64*>(kzalloc(kLdtBytes)); }

i64 as_int_result(Result<i64> r) {
    i64 v = r.is_error() ? -i64(r.error_code()) : r.value();
    return static_cast<i64>(static_cast<u32>(static_cast<i32>(v)));
}

Result<i64> read_ldt(uptr ptr, u64 bytecount) {
    MutexGuard g(g_ldt_lock);
    AddressSpace& mm = *current_process()->mm;
    if (!mm.ldt) return 0;
    bytecount = min(bytecount, kLdtBytes);
    u64 size = min<u64>(u64(mm.ldt_entries) * 8, bytecount);
    TRY(copy_to_user(ptr, mm.ldt, size));
    if (size != bytecount) TRY(clear_user(ptr + size, bytecount - size));
    return static_cast<i64>(bytecount);
}

Result<i64> read_default_ldt(uptr ptr, u64 bytecount) {
    bytecount = min<u64>(bytecount, 128);
    TRY(clear_user(ptr, bytecount));
    return static_cast<i64>(bytecount);
}

Result<i64> write_ldt(uptr ptr, u64 bytecount, bool oldmode) {
    if (bytecount != sizeof(user_desc)) return Error(EINVAL);
    user_desc d;
    TRY(copy_from_user(&d, ptr, sizeof(d)));
    if (d.entry_number >= kLdtEntries) return Error(EINVAL);
    if (d.contents == 3 && (oldmode || !d.seg_not_present)) return Error(EINVAL);
    u64 desc = 0;
    if (!((oldmode && !d.base_addr && !d.limit) || x86::user_desc_empty(d))) {
        desc = x86::encode_user_desc(d);
        if (oldmode) desc &= ~(1ull << 52);   // avl
    }
    MutexGuard g(g_ldt_lock);
    AddressSpace& mm = *current_process()->mm;
    if (!mm.ldt) {
        mm.ldt = alloc_table();
        if (!mm.ldt) return Error(ENOMEM);
    }
    mm.ldt[d.entry_number] = desc;
    mm.ldt_entries = max(mm.ldt_entries, d.entry_number + 1);
    Thread& t = *current_thread();
    arch::IrqState irq = arch::irq_save();
    x86::mark_segments_used(t);
    x86::gdt_load_ldt(mm.ldt, mm.ldt_entries);
    x86::refresh_ldt_segments();
    arch::irq_restore(irq);
    return 0;
}

}  // namespace

namespace arch {

Result<void> ldt_fork(AddressSpace& parent, AddressSpace& child) {
    MutexGuard g(g_ldt_lock);
    if (!parent.ldt) return {};
    child.ldt = alloc_table();
    if (!child.ldt) return Error(ENOMEM);
    __builtin_memcpy(child.ldt, parent.ldt, u64(parent.ldt_entries) * 8);
    child.ldt_entries = parent.ldt_entries;
    return {};
}

void ldt_free(AddressSpace& mm) {
    kfree(mm.ldt);
    mm.ldt = nullptr;
    mm.ldt_entries = 0;
}

}  // namespace arch

namespace x86 {

void set_ldt_for(Thread& next) {
    AddressSpace* mm = next.process ? next.process->mm.ptr() : nullptr;
    gdt_load_ldt(mm ? mm->ldt : nullptr, mm ? mm->ldt_entries : 0);
}

}  // namespace x86

SyscallResult sys_modify_ldt(int func, UserPtr<void> ptr, u64 bytecount) {
    switch (func) {
    case 0: return as_int_result(read_ldt(ptr.addr(), bytecount));
    case 1: return as_int_result(write_ldt(ptr.addr(), bytecount, true));
    case 2: return as_int_result(read_default_ldt(ptr.addr(), bytecount));
    case 0x11: return as_int_result(write_ldt(ptr.addr(), bytecount, false));
    default: return as_int_result(Error(ENOSYS));
    }
}
