// SPDX-License-Identifier: MIT
// The IDT: every vector goes through trap_entry.S's stubs; exceptions that must run on a known
// good stack (double fault, NMI, machine check) use IST stacks.
#include "arch/x86_64/gdt.h"

extern "C" const u64 trap_stub_table[256];

namespace x86 {
namespace {

struct [[gnu::packed]] IdtEntry {
    u16 offset_low;
    u16 selector;
    u8 ist;
    u8 type_attr;
    u16 offset_mid;
    u32 offset_high;
    u32 zero;
};
static_assert(sizeof(IdtEntry) == 16);

struct [[gnu::packed]] IdtPointer {
    u16 limit;
    u64 base;
};

alignas(16) IdtEntry g_idt[256];

void set_gate(unsigned v, u64 handler, u8 ist, u8 dpl) {
    g_idt[v] = IdtEntry{static_cast<u16>(handler), kKernelCs, ist,
                        static_cast<u8>(0x8E | (dpl << 5)),  // present, 64-bit interrupt gate
                        static_cast<u16>(handler >> 16), static_cast<u32>(handler >> 32), 0};
}

}  // namespace

void idt_init() {
    for (unsigned v = 0; v < 256; v++) set_gate(v, trap_stub_table[v], 0, 0);
    set_gate(2, trap_stub_table[2], kIstNmi, 0);
    set_gate(8, trap_stub_table[8], kIstDoubleFault, 0);
    set_gate(18, trap_stub_table[18], kIstMachineCheck, 0);
    set_gate(3, trap_stub_table[3], 0, 3);   // int3 usable from user mode (SIGTRAP)
}

void idt_load() {
    IdtPointer p{sizeof(g_idt) - 1, reinterpret_cast<u64>(g_idt)};
    asm volatile("lidt %0" ::"m"(p));
}

}  // namespace x86
