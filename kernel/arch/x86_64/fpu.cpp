// SPDX-License-Identifier: MIT
#include "arch/fpu.h"

#include "arch/cpu.h"
#include "arch/x86_64/cpu.h"
#include "core/log.h"
#include "mm/kheap.h"

namespace arch {
struct FpuState {
    alignas(64) u8 bytes[1];
};
}  // namespace arch

namespace {
bool g_xsave = false;
u64 g_xcr0 = 0;
usize g_size = 512;
arch::FpuState* g_initial = nullptr;

void xsetbv(u32 reg, u64 v) { asm volatile("xsetbv" ::"c"(reg), "a"(u32(v)), "d"(u32(v >> 32))); }
}  // namespace

namespace arch {

void fpu_init_cpu() {
    u64 cr0 = x86::read_cr0();
    cr0 &= ~(1ull << 2);   // EM off
    cr0 |= 1ull << 1;      // MP
    cr0 &= ~(1ull << 3);   // TS off: no lazy switching
    x86::write_cr0(cr0);
    u64 cr4 = x86::read_cr4();
    cr4 |= (1u << 9) | (1u << 10);   // OSFXSR, OSXMMEXCPT
    auto l1 = x86::cpuid(1);
    if (l1.ecx & (1u << 26)) {       // XSAVE
        cr4 |= 1u << 18;             // OSXSAVE
        x86::write_cr4(cr4);
        auto d = x86::cpuid(0xD, 0);
        u64 supported = (u64(d.edx) << 32) | d.eax;
        // x87, SSE, AVX, and the AVX-512 states when present; nothing that needs supervisor state.
        g_xcr0 = supported & (0x7 | 0xE0);
        xsetbv(0, g_xcr0);
        g_size = x86::cpuid(0xD, 0).ebx;   // size for the enabled features
        g_xsave = true;
    } else {
        x86::write_cr4(cr4);
    }
    if (!g_initial) {
        // The initial state: what a fresh process gets (FCW 0x37F, MXCSR 0x1F80, all zero).
        asm volatile("fninit");
        u32 mxcsr = 0x1F80;
        asm volatile("ldmxcsr %0" ::"m"(mxcsr));
        g_initial = fpu_alloc().value_or(nullptr);
        if (!g_initial) return;
        fpu_save(g_initial);
    }
    log_info("fpu: %s, state %zu bytes, xcr0 %#llx", g_xsave ? "xsave" : "fxsave", g_size,
             static_cast<unsigned long long>(g_xcr0));
}

usize fpu_state_size() { return g_size; }

Result<FpuState*> fpu_alloc() {
    void* p = kmalloc(g_size, 64);
    if (!p) return Error(ENOMEM);
    auto* s = static_cast<FpuState*>(p);
    if (g_initial) __builtin_memcpy(s->bytes, g_initial->bytes, g_size);
    else __builtin_memset(s->bytes, 0, g_size);
    return s;
}

void fpu_free(FpuState* s) { kfree(s); }
void fpu_copy(FpuState* dst, const FpuState* src) { __builtin_memcpy(dst->bytes, src->bytes, g_size); }
void fpu_reset_current(FpuState* s) {
    if (g_initial) fpu_load_current(s, g_initial->bytes);
}
void fpu_load_current(FpuState* s, const void* image) {
    IrqState irq = irq_save();
    __builtin_memcpy(s->bytes, image, g_size);
    fpu_restore(s);
    irq_restore(irq);
}
void* fpu_bytes(FpuState* s) { return s->bytes; }

void fpu_save(FpuState* s) {
    if (g_xsave) asm volatile("xsave64 %0" : "=m"(*s->bytes) : "a"(u32(g_xcr0)), "d"(u32(g_xcr0 >> 32)) : "memory");
    else asm volatile("fxsave64 %0" : "=m"(*s->bytes)::"memory");
}

void fpu_restore(const FpuState* s) {
    if (g_xsave) asm volatile("xrstor64 %0" ::"m"(*s->bytes), "a"(u32(g_xcr0)), "d"(u32(g_xcr0 >> 32)) : "memory");
    else asm volatile("fxrstor64 %0" ::"m"(*s->bytes) : "memory");
}

}  // namespace arch
