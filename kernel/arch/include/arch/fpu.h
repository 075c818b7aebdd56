// SPDX-License-Identifier: MIT
// Per-thread FPU/SSE/AVX state (XSAVE when the CPU has it, FXSAVE otherwise). Kernel code is
// built with -mgeneral-regs-only, so only user state lives in these registers and it is switched
// eagerly with the thread.
#pragma once

#include "lib/result.h"

namespace arch {

struct FpuState;

void fpu_init_cpu();                    // enables SSE/AVX state in CR0/CR4/XCR0
usize fpu_state_size();
Result<FpuState*> fpu_alloc();          // initialised to the power-on state (as after execve)
void fpu_free(FpuState* s);
void fpu_copy(FpuState* dst, const FpuState* src);
// The running thread's state s becomes the power-on state (or the given image), buffer and
// registers together with interrupts off: a preemption in between would save the old registers
// over the new buffer.
void fpu_reset_current(FpuState* s);
void fpu_load_current(FpuState* s, const void* image);
void fpu_save(FpuState* s);
void fpu_restore(const FpuState* s);
// Raw bytes (for the signal frame: Linux's _fpstate is the FXSAVE/XSAVE image).
void* fpu_bytes(FpuState* s);

}  // namespace arch
