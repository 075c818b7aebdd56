// SPDX-License-Identifier: MIT
// RDSEED/RDRAND for the CSPRNG seed. [intel/vol1] 7.3.17: both may fail transiently (CF=0);
// Intel's guidance is to retry a few times.
#include "arch/random.h"

#include <atomic>

#include "arch/x86_64/cpu.h"

namespace {

// 0 = unknown, bit 0 = probed, bit 1 = RDRAND, bit 2 = RDSEED.
std::atomic<u32> g_features{0};

u32 features() {
    u32 f = g_features.load(std::memory_order_relaxed);
    if (f) return f;
    f = 1;
    if (x86::cpuid(1).ecx & (1u << 30)) f |= 2;
    if (x86::cpuid(0).eax >= 7 && (x86::cpuid(7, 0).ebx & (1u << 18))) f |= 4;
    g_features.store(f, std::memory_order_relaxed);
    return f;
}

bool rdseed(u64& out) {
    unsigned char ok;
    asm volatile("rdseed %0; setc %1" : "=r"(out), "=qm"(ok));
    return ok;
}

bool rdrand(u64& out) {
    unsigned char ok;
    asm volatile("rdrand %0; setc %1" : "=r"(out), "=qm"(ok));
    return ok;
}

}  // namespace

namespace arch {

bool hw_random_u64(u64& out) {
    u32 f = features();
    if (f & 4)
        for (int i = 0; i < 16; i++)
            if (rdseed(out)) return true;
    if (f & 2)
        for (int i = 0; i < 16; i++)
            if (rdrand(out)) return true;
    return false;
}

u64 entropy_counter() { return x86::rdtsc(); }

}  // namespace arch
