// SPDX-License-Identifier: MIT
// First C++ code: bring up what everything else needs (console, per-CPU data, descriptor
// tables), translate the PVH start info into BootInfo, then hand over to kernel_init().
#include "arch/console.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/layout.h"
#include "arch/x86_64/platform.h"
#include "arch/x86_64/pvh.h"
#include "arch/cpu.h"
#include "arch/fpu.h"
#include "core/boot_info.h"
#include "core/init.h"
#include "core/log.h"
#include "core/panic.h"
#include "core/percpu.h"


extern "C" void (*__init_array_start[])();
extern "C" void (*__init_array_end[])();
extern "C" uptr __stack_chk_guard;

BootInfo g_boot_info;

namespace {

// The boot page tables direct-map the first 4 GiB, where QEMU puts everything PVH hands us.
template <typename T>
const T* early_phys(u64 phys) {
    return phys && phys < (4ull << 30) ? reinterpret_cast<const T*>(DIRECT_MAP_BASE + phys) : nullptr;
}

void parse_pvh(u64 info_phys) {
    const HvmStartInfo* si = early_phys<HvmStartInfo>(info_phys);
    if (!si || si->magic != kHvmStartMagic) {
        kprintln("aramid: no valid PVH start info at %#llx (magic %#x): was the kernel booted with PVH?",
                 static_cast<unsigned long long>(info_phys), si ? si->magic : 0);
        arch::halt_forever();
    }
    BootInfo& bi = g_boot_info;
    bi.start_info_phys = info_phys;
    bi.rsdp_phys = si->rsdp_paddr;
    if (const char* cmd = early_phys<char>(si->cmdline_paddr)) {
        usize n = 0;
        while (n < 4096 && cmd[n]) n++;
        bi.cmdline = StringView(cmd, n);
    }
    if (si->nr_modules >= 1) {
        const HvmModlistEntry* mod = early_phys<HvmModlistEntry>(si->modlist_paddr);
        if (mod && mod->size) {
            bi.initrd_phys = mod->paddr;
            bi.initrd_size = mod->size;
        }
    }
    const HvmMemmapEntry* map = si->version >= 1 ? early_phys<HvmMemmapEntry>(si->memmap_paddr) : nullptr;
    if (!map || si->memmap_entries == 0) {
        kprintln("aramid: the boot loader gave no memory map (PVH start info version %u)", si->version);
        arch::halt_forever();
    }
    for (u32 i = 0; i < si->memmap_entries && bi.range_count < BootInfo::kMaxRanges; i++) {
        u32 t = map[i].type;
        if (t < 1 || t > 5) t = MemoryRange::Reserved;   // unknown types are never usable
        bi.ranges[bi.range_count++] = MemoryRange{map[i].addr, map[i].size, static_cast<MemoryRange::Type>(t)};
    }
}

}  // namespace

extern "C" [[noreturn]] void kernel_main(u64 start_info_phys);
extern "C" [[noreturn]] void kernel_main(u64 start_info_phys) {
    arch::console_init();
    percpu_init_cpu(0, 0);
    x86::gdt_init_cpu(0);
    x86::idt_init();
    x86::idt_load();
    // Per-boot stack-protector canary (RDRAND when present, else the TSC).
    u64 seed = x86::rdtsc();
    if (x86::cpuid(1).ecx & (1u << 30)) {
        u64 r;
        unsigned char ok;
        asm volatile("rdrand %0; setc %1" : "=r"(r), "=qm"(ok));
        if (ok) seed ^= r;
    }
    __stack_chk_guard ^= seed;
    // Policy: no global constructors with side effects (constinit everywhere). Any that exist run
    // here, after the console and before memory management, and must not allocate.
    for (auto* ctor = __init_array_start; ctor < __init_array_end; ctor++) (*ctor)();
    parse_pvh(start_info_phys);
    kernel_init();
}

void arch_platform_init() { platform_init(g_boot_info.rsdp_phys); }
void syscall_init_cpu();
void user_faults_init();
void arch_user_init() {
    syscall_init_cpu();
    arch::fpu_init_cpu();
    user_faults_init();
}

unsigned arch_cpus_found() { return platform_acpi().cpu_count; }
