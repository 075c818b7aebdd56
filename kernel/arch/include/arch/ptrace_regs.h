// SPDX-License-Identifier: MIT
// A stopped tracee's user registers in ptrace(2)'s layouts (arch/x86_64/ptrace_regs.cpp): the
// saved user frame and TLS bases as struct user_regs_struct, the FPU image as the FXSAVE area.
// The tracee must be in a ptrace-stop (its frame and FPU image are saved and nobody else edits
// them).
#pragma once

#include "abi/linux/ptrace_abi.h"
#include "lib/result.h"

class Thread;

namespace arch {

void ptrace_get_regs(Thread* t, linux_abi::UserRegs& out);
// Linux's putreg rules: segment selectors stay what they are, eflags only its user bits,
// bases and rip canonical user addresses (EIO otherwise).
Result<void> ptrace_set_regs(Thread* t, const linux_abi::UserRegs& in);
// One register by its byte offset in struct user_regs_struct (8-aligned, < 216).
u64 ptrace_peek_reg(Thread* t, usize offset);
Result<void> ptrace_poke_reg(Thread* t, usize offset, u64 value);
void ptrace_get_fpregs(Thread* t, void* out512);
Result<void> ptrace_set_fpregs(Thread* t, const void* in512);
// The step flag of the saved frame (PTRACE_SINGLESTEP); returns whether it was set before.
bool ptrace_set_step(Thread* t, bool on);

}  // namespace arch
