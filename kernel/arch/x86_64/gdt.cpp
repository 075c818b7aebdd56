// SPDX-License-Identifier: MIT
#include "arch/x86_64/gdt.h"

#include "core/percpu.h"

namespace x86 {
namespace {

struct [[gnu::packed]] DescriptorPointer {
    u16 limit;
    u64 base;
};

struct CpuTables {
    alignas(16) u64 gdt[kGdtEntries];
    alignas(16) Tss tss;
    // IST stacks: a fault on a broken kernel stack or an NMI anywhere still has a good stack.
    alignas(16) u8 ist_stacks[3][8192];
};

CpuTables g_tables[kMaxCpus];

constexpr u64 segment(bool code, bool user, bool long_mode) {
    u64 d = (1ull << 47) | (1ull << 44);   // present, code/data
    if (code) d |= 1ull << 43;
    d |= 1ull << 41;                       // readable / writable
    if (user) d |= 3ull << 45;
    if (long_mode && code) d |= 1ull << 53;
    else d |= (1ull << 54) | (1ull << 55) | (0xFull << 48) | 0xFFFF;  // 32-bit, 4 GiB
    return d;
}

}  // namespace

void gdt_init_cpu(unsigned cpu_index) {
    CpuTables& t = g_tables[cpu_index];
    t.gdt[0] = 0;
    t.gdt[1] = segment(true, false, true);    // 0x08 kernel code
    t.gdt[2] = segment(false, false, false);  // 0x10 kernel data
    t.gdt[3] = segment(true, true, false);    // 0x18 user code 32 (for SYSRET's layout)
    t.gdt[4] = segment(false, true, false);   // 0x20 user data
    t.gdt[5] = segment(true, true, true);     // 0x28 user code 64
    u64 base = reinterpret_cast<u64>(&t.tss);
    u64 limit = sizeof(Tss) - 1;
    t.gdt[6] = (limit & 0xFFFF) | ((base & 0xFFFFFF) << 16) | (0x89ull << 40) | (((limit >> 16) & 0xF) << 48) |
               (((base >> 24) & 0xFF) << 56);
    t.gdt[7] = base >> 32;
    t.gdt[8] = 0;
    t.tss.iomap_base = sizeof(Tss);   // no I/O bitmap: user mode gets no port access
    for (int i = 0; i < 3; i++) t.tss.ist[i] = reinterpret_cast<u64>(t.ist_stacks[i] + sizeof(t.ist_stacks[i]));

    DescriptorPointer p{sizeof(t.gdt) - 1, reinterpret_cast<u64>(t.gdt)};
    asm volatile(
        "lgdt %0\n"
        "pushq %1\n"
        "leaq 1f(%%rip), %%rax\n"
        "pushq %%rax\n"
        "lretq\n"
        "1:\n"
        "movl %2, %%eax\n"
        "movl %%eax, %%ds\n"
        "movl %%eax, %%es\n"
        "movl %%eax, %%ss\n"
        "ltr %w3\n"
        :
        : "m"(p), "i"(u64(kKernelCs)), "i"(u32(kKernelDs)), "r"(kTssSel)
        : "rax", "memory");
}

u64 gdt_entry(unsigned i) { return i < kGdtEntries ? g_tables[this_cpu()->id].gdt[i] : 0; }

void gdt_load_ldt(const u64* base, u32 entries) {
    if (!base || !entries) {
        asm volatile("lldt %w0" : : "r"(0));
        return;
    }
    u64* gdt = g_tables[this_cpu()->id].gdt;
    u64 b = reinterpret_cast<u64>(base);
    u64 limit = u64(entries) * 8 - 1;
    gdt[kLdtEntry] = (limit & 0xFFFF) | ((b & 0xFFFFFF) << 16) | (0x82ull << 40) | (((limit >> 16) & 0xF) << 48) |
                     (((b >> 24) & 0xFF) << 56);
    gdt[kLdtEntry + 1] = b >> 32;
    asm volatile("lldt %w0" : : "r"(kLdtEntry << 3) : "memory");
}

void tss_set_kernel_stack(u64 top) { g_tables[this_cpu()->id].tss.rsp[0] = top; }

}  // namespace x86
