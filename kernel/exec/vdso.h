// SPDX-License-Identifier: MIT
// The vDSO in every process: [vvar] (the kernel's clock data page, lib/vdso_time.h) and right
// above it [vdso] (the arch's ELF image), both backed by the same physical pages in every
// process, so exec and fork copy nothing and free nothing of them.
#pragma once

#include "lib/result.h"

class AddressSpace;

// At boot, after time_init: copies the image into pages once.
void vdso_init();
// Maps [vvar] and [vdso] into mm near the top of the stack, as Linux places them, and returns the
// address of the image's ELF header (AT_SYSINFO_EHDR).
Result<uptr> vdso_map(AddressSpace& mm, uptr stack_top);
