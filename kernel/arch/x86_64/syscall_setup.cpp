// SPDX-License-Identifier: MIT
// SYSCALL/SYSRET MSRs, SMEP/SMAP, and the CPU features user mode needs (FSGSBASE off: user
// code sets its TLS through arch_prctl).
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/gdt.h"
#include "core/log.h"

extern "C" void syscall_entry();
extern "C" u8 smap_enabled;

namespace {
constexpr u32 kMsrStar = 0xC0000081, kMsrLstar = 0xC0000082, kMsrFmask = 0xC0000084;
}  // namespace

void syscall_init_cpu();
void syscall_init_cpu() {
    x86::wrmsr(x86::kMsrEfer, x86::rdmsr(x86::kMsrEfer) | 1);   // SCE
    // SYSRET takes CS from STAR[63:48] + 16 and SS from + 8; SYSCALL takes CS from STAR[47:32].
    x86::wrmsr(kMsrStar, (u64(x86::kUser32Cs & ~3) << 48) | (u64(x86::kKernelCs) << 32));
    x86::wrmsr(kMsrLstar, reinterpret_cast<u64>(syscall_entry));
    // Clear IF (entry runs with interrupts off until the stack is switched), TF, DF, AC, NT.
    x86::wrmsr(kMsrFmask, (1u << 9) | (1u << 8) | (1u << 10) | (1u << 18) | (1u << 14));

    auto leaf7 = x86::cpuid(7, 0);
    u64 cr4 = x86::read_cr4();
    if (leaf7.ebx & (1u << 7)) cr4 |= 1u << 20;   // SMEP: never execute user pages in ring 0
    if (leaf7.ebx & (1u << 20)) {
        cr4 |= 1u << 21;                          // SMAP: user memory only inside the copy helpers
        smap_enabled = 1;
    }
    x86::write_cr4(cr4);
    log_info("cpu: SMEP %s, SMAP %s", (cr4 & (1u << 20)) ? "on" : "off", (cr4 & (1u << 21)) ? "on" : "off");
}
