// SPDX-License-Identifier: MIT
// ptrace(2)'s view of a stopped tracee's registers (linux: arch/x86/kernel/ptrace.c getreg/putreg
// and the FXSAVE regset). Selectors are shown as Linux's 64-bit ones (cs 0x33, ss 0x2b) whatever
// this kernel's GDT uses, so a tracer sees what it would on Linux.
#include "arch/ptrace_regs.h"

#include "arch/fpu.h"
#include "arch/x86_64/trap_frame.h"
#include "core/thread.h"
#include "mm/user_ptr.h"

namespace arch {

namespace {

using linux_abi::UserRegs;

constexpr u64 kLinuxUserCs = 0x33, kLinuxUserSs = 0x2b;
constexpr u64 kTf = 0x100;
// linux: FLAG_MASK, the flags a tracer may change (CF PF AF ZF SF TF DF OF RF AC).
constexpr u64 kFlagMask = 0x1 | 0x4 | 0x10 | 0x40 | 0x80 | 0x100 | 0x400 | 0x800 | 0x10000 | 0x40000;
constexpr u64 kNotSyscall = 0x80;   // any vector but the syscall one

u64* reg_slot(UserRegs& r, usize offset) { return reinterpret_cast<u64*>(reinterpret_cast<u8*>(&r) + offset); }

}  // namespace

void ptrace_get_regs(Thread* t, UserRegs& r) {
    const TrapFrame* f = t->user_frame;
    r = UserRegs{};
    r.r15 = f->r15; r.r14 = f->r14; r.r13 = f->r13; r.r12 = f->r12;
    r.rbp = f->rbp; r.rbx = f->rbx; r.r11 = f->r11; r.r10 = f->r10;
    r.r9 = f->r9; r.r8 = f->r8; r.rax = f->rax; r.rcx = f->rcx;
    r.rdx = f->rdx; r.rsi = f->rsi; r.rdi = f->rdi;
    // orig_rax: the syscall number in a syscall frame, -1 elsewhere (Linux's pt_regs rule).
    r.orig_rax = f->vector == 0x80 ? f->error_code : ~0ull;
    r.rip = f->rip;
    r.cs = kLinuxUserCs;
    r.eflags = f->rflags;
    if (t->ptrace->forced_tf) r.eflags &= ~kTf;   // the debugger's TF is not the program's
    r.rsp = f->rsp;
    r.ss = kLinuxUserSs;
    r.fs_base = t->fs_base;
    r.gs_base = t->gs_base;
}

Result<void> ptrace_set_regs(Thread* t, const UserRegs& in) {
    if (in.cs != kLinuxUserCs || in.ss != kLinuxUserSs) return Error(EIO);
    // 32-bit data selectors are not modelled: only the null selector a 64-bit process has.
    if (in.ds || in.es || in.fs || in.gs) return Error(EIO);
    if (in.fs_base >= kUserSpaceEnd || in.gs_base >= kUserSpaceEnd) return Error(EIO);
    // A non-canonical rip would fault in iretq itself (in kernel mode).
    if (in.rip >= kUserSpaceEnd) return Error(EIO);
    TrapFrame* f = t->user_frame;
    f->r15 = in.r15; f->r14 = in.r14; f->r13 = in.r13; f->r12 = in.r12;
    f->rbp = in.rbp; f->rbx = in.rbx; f->r11 = in.r11; f->r10 = in.r10;
    f->r9 = in.r9; f->r8 = in.r8; f->rax = in.rax; f->rcx = in.rcx;
    f->rdx = in.rdx; f->rsi = in.rsi; f->rdi = in.rdi;
    // A negative orig_rax leaves the syscall: no restart of it (linux: syscall_get_nr() < 0).
    if (static_cast<i64>(in.orig_rax) < 0) f->vector = kNotSyscall;
    else f->vector = 0x80;
    f->error_code = in.orig_rax;
    f->rip = in.rip;
    u64 flags = in.eflags;
    if (flags & kTf) t->ptrace->forced_tf = false;
    else if (t->ptrace->forced_tf) flags |= kTf;
    f->rflags = (f->rflags & ~kFlagMask) | (flags & kFlagMask);
    f->rsp = in.rsp;
    t->fs_base = in.fs_base;
    t->gs_base = in.gs_base;
    return {};
}

u64 ptrace_peek_reg(Thread* t, usize offset) {
    UserRegs r;
    ptrace_get_regs(t, r);
    return *reg_slot(r, offset);
}

Result<void> ptrace_poke_reg(Thread* t, usize offset, u64 value) {
    UserRegs r;
    ptrace_get_regs(t, r);
    u64* slot = reg_slot(r, offset);
    // Writing eflags through POKEUSER goes through the same TF rule as SETREGS.
    if (offset == offsetof(UserRegs, eflags) && t->ptrace->forced_tf && !(value & kTf)) value &= ~kTf;
    *slot = value;
    return ptrace_set_regs(t, r);
}

void ptrace_get_fpregs(Thread* t, void* out512) {
    __builtin_memcpy(out512, fpu_bytes(t->fpu), linux_abi::kUserFpregsSize);
}

Result<void> ptrace_set_fpregs(Thread* t, const void* in512) {
    u32 mxcsr;
    __builtin_memcpy(&mxcsr, static_cast<const u8*>(in512) + 24, 4);
    if (mxcsr & ~0xffffu) return Error(EINVAL);   // linux: reserved MXCSR bits
    auto* img = static_cast<u8*>(fpu_bytes(t->fpu));
    __builtin_memcpy(img, in512, linux_abi::kUserFpregsSize);
    if (fpu_state_size() > 512 + 64) {
        // The legacy area now holds state: x87 and SSE in use in the XSAVE header.
        u64 bv;
        __builtin_memcpy(&bv, img + 512, 8);
        bv |= 3;
        __builtin_memcpy(img + 512, &bv, 8);
    }
    return {};
}

bool ptrace_set_step(Thread* t, bool on) {
    TrapFrame* f = t->user_frame;
    bool was = f->rflags & kTf;
    if (on) f->rflags |= kTf;
    else f->rflags &= ~kTf;
    return was;
}

}  // namespace arch
