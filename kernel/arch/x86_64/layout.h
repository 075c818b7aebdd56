/* SPDX-License-Identifier: MIT */
/* The kernel's virtual memory layout. Included by assembly and C++. */
#pragma once

#define KERNEL_VBASE 0xffffffff80000000
#define KERNEL_PHYS_LOAD 0x100000
#define DIRECT_MAP_BASE 0xffff800000000000
/* Kernel stacks (each with an unmapped guard page below it) live in their own region. */
#define KSTACK_REGION_BASE 0xffffc00000000000
#define KSTACK_REGION_SIZE 0x0000001000000000
/* Memory-mapped I/O (LAPIC, IOAPIC, HPET) is mapped here, uncached. */
#define MMIO_REGION_BASE 0xffffd00000000000
#define MMIO_REGION_SIZE 0x0000000040000000
