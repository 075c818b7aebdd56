// SPDX-License-Identifier: MIT
// Entry points of the boot sequence, from arch code to generic code and back.
#pragma once

class Cmdline;

[[noreturn]] void kernel_init();   // generic boot, called by the arch entry
void arch_platform_init();         // interrupt controllers, clocks (ACPI on x86)
void arch_user_init();             // syscall entry, FPU, user fault handling
const Cmdline& kernel_cmdline();
unsigned arch_cpus_found();        // CPUs the firmware describes (not all may be started)
// Starts pid 1 on the calling thread (never returns; panics when no init can run).
[[noreturn]] void start_user_space(const Cmdline& cmdline);
