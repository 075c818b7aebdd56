// SPDX-License-Identifier: MIT
// The kernel's side of the x86_64 vDSO: the embedded image, and the CPU number in IA32_TSC_AUX
// for __vdso_getcpu (RDPID reads it in one instruction, RDTSCP also gives the TSC).
#include "arch/vdso.h"
#include "arch/x86_64/cpu.h"
#include "lib/vdso_time.h"

extern "C" const u8 vdso_image_start[];
extern "C" const u8 vdso_image_end[];

namespace {
constexpr u32 kMsrTscAux = 0xC0000103;

bool has_rdpid() { return x86::cpuid(0).eax >= 7 && (x86::cpuid(7, 0).ecx & (1u << 22)); }
bool has_rdtscp() { return x86::cpuid(0x80000000).eax >= 0x80000001 && (x86::cpuid(0x80000001).edx & (1u << 27)); }
}  // namespace

namespace arch {

Span<const u8> vdso_image() { return Span<const u8>(vdso_image_start, static_cast<usize>(vdso_image_end - vdso_image_start)); }

u32 vdso_getcpu_method() {
    if (has_rdpid()) return static_cast<u32>(VdsoGetcpu::Rdpid);
    if (has_rdtscp()) return static_cast<u32>(VdsoGetcpu::Rdtscp);
    return static_cast<u32>(VdsoGetcpu::Syscall);
}

void vdso_cpu_init(unsigned cpu) {
    // Linux's encoding: (node << 12) | cpu; one NUMA node here.
    if (has_rdpid() || has_rdtscp()) x86::wrmsr(kMsrTscAux, cpu & 0xfff);
}

}  // namespace arch
