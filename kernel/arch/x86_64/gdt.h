// SPDX-License-Identifier: MIT
// Segments and the TSS. Selector values are fixed by SYSCALL/SYSRET's layout rules:
// kernel CS, kernel SS = CS+8; user SS = base+8, user CS = base+16 (base = 0x18 | 3).
#pragma once

#include "lib/types.h"

namespace x86 {

constexpr u16 kKernelCs = 0x08;
constexpr u16 kKernelDs = 0x10;
constexpr u16 kUser32Cs = 0x18 | 3;
constexpr u16 kUserDs = 0x20 | 3;
constexpr u16 kUserCs = 0x28 | 3;
constexpr u16 kTssSel = 0x30;
constexpr unsigned kGdtEntries = 12;
constexpr unsigned kLdtEntry = 10;   // a 16-byte system descriptor (10-11), as Linux's GDT_ENTRY_LDT

// IST slots (1-based in the IDT).
constexpr u8 kIstDoubleFault = 1;
constexpr u8 kIstNmi = 2;
constexpr u8 kIstMachineCheck = 3;

struct [[gnu::packed]] Tss {
    u32 reserved0;
    u64 rsp[3];
    u64 reserved1;
    u64 ist[7];
    u64 reserved2;
    u16 reserved3;
    u16 iomap_base;
};
static_assert(sizeof(Tss) == 104);

// Loads this CPU's GDT and TSS (with IST stacks allocated from the boot allocator).
void gdt_init_cpu(unsigned cpu_index);
// Descriptor i of this CPU's GDT (0 past its end).
u64 gdt_entry(unsigned i);
// This CPU's LDT: `entries` descriptors at base (kernel memory), or none (base null).
void gdt_load_ldt(const u64* base, u32 entries);
// The stack the CPU switches to on an interrupt from user mode.
void tss_set_kernel_stack(u64 top);

void idt_init();
void idt_load();

}  // namespace x86
