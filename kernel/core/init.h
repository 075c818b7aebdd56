// SPDX-License-Identifier: MIT
// Entry points of the boot sequence, from arch code to generic code and back.
#pragma once

class Cmdline;

[[noreturn]] void kernel_init();   // generic boot, called by the arch entry
void arch_platform_init();         // interrupt controllers, clocks (ACPI on x86)
const Cmdline& kernel_cmdline();
unsigned arch_cpus_found();        // CPUs the firmware describes (not all may be started)
