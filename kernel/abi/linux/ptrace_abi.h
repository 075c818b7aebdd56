// SPDX-License-Identifier: MIT
// The x86_64 register layouts ptrace(2) exchanges. They are not in the UAPI headers (they come
// from arch/x86/include/asm/user_64.h, which glibc copies as <sys/user.h>), so they are written
// here, checked against Linux's sizes and offsets.
#pragma once

#include <stddef.h>

#include "lib/types.h"

namespace linux_abi {

// struct user_regs_struct: PTRACE_GETREGS, NT_PRSTATUS, and the start of struct user.
struct UserRegs {
    u64 r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8;
    u64 rax, rcx, rdx, rsi, rdi, orig_rax;
    u64 rip, cs, eflags, rsp, ss;
    u64 fs_base, gs_base;
    u64 ds, es, fs, gs;
};
static_assert(sizeof(UserRegs) == 216);
static_assert(offsetof(UserRegs, orig_rax) == 120);
static_assert(offsetof(UserRegs, rip) == 128);
static_assert(offsetof(UserRegs, fs_base) == 168);

// struct user_fpregs_struct: the FXSAVE image (PTRACE_GETFPREGS, NT_PRFPREG).
constexpr usize kUserFpregsSize = 512;

// struct user: PTRACE_PEEKUSER/POKEUSER offsets.
constexpr usize kUserSize = 912;
constexpr usize kUserDebugregOffset = 848;   // u_debugreg[8]

}  // namespace linux_abi
