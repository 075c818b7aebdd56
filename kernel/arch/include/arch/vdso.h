// SPDX-License-Identifier: MIT
// The arch's vDSO: the ELF image built in the tree and how its getcpu finds the CPU.
#pragma once

#include "lib/span.h"
#include "lib/types.h"

namespace arch {
// The embedded shared object (page-aligned, linked at 0, no relocations).
Span<const u8> vdso_image();
// A VdsoGetcpu value (lib/vdso_time.h): what this machine offers user space.
u32 vdso_getcpu_method();
// Per CPU at bring-up: makes the CPU number readable by user space (RDPID/RDTSCP).
void vdso_cpu_init(unsigned cpu);
}  // namespace arch
