// SPDX-License-Identifier: MIT
// arch/cpu.h for x86_64: interrupt state, halting, backtraces, the register dump.
#include "arch/cpu.h"

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/trap_frame.h"
#include "core/log.h"
#include "core/panic.h"

extern "C" const u8 __kernel_start[], __kernel_end[];
extern "C" const u8 __text_start[], __text_end[];

namespace arch {

void wait_for_interrupt() { asm volatile("sti; hlt" ::: "memory"); }

void halt_forever() {
    for (;;) {
        x86::cli();
        x86::hlt();
    }
}

void debug_exit(u8 code) { x86::outl(0xf4, code); }

// Plausible kernel stack addresses: the direct map, the image, or the kernel-stack region.
static bool frame_readable(uptr fp) {
    if (fp & 7) return false;
    return fp >= 0xffff800000000000ull && fp < 0xfffffffffffff000ull;
}

usize backtrace(uptr* out, usize max, uptr fp) {
    if (!fp) fp = reinterpret_cast<uptr>(__builtin_frame_address(0));
    usize n = 0;
    while (n < max && frame_readable(fp)) {
        uptr ret = reinterpret_cast<const uptr*>(fp)[1];
        if (ret < reinterpret_cast<uptr>(__text_start) || ret >= reinterpret_cast<uptr>(__text_end)) break;
        out[n++] = ret;
        uptr next = reinterpret_cast<const uptr*>(fp)[0];
        if (next <= fp) break;   // frames grow upwards; anything else is a corrupt chain
        fp = next;
    }
    return n;
}

}  // namespace arch

void arch_dump_frame(const TrapFrame* f) {
    auto q = [](u64 v) { return static_cast<unsigned long long>(v); };
    kprintln("RIP %04llx:%016llx RFLAGS %016llx  (%s mode)", q(f->cs), q(f->rip), q(f->rflags),
             f->from_user() ? "user" : "kernel");
    kprintln("RSP %04llx:%016llx CR2 %016llx CR3 %016llx", q(f->ss), q(f->rsp), q(x86::read_cr2()), q(x86::read_cr3()));
    kprintln("RAX %016llx RBX %016llx RCX %016llx RDX %016llx", q(f->rax), q(f->rbx), q(f->rcx), q(f->rdx));
    kprintln("RSI %016llx RDI %016llx RBP %016llx R8  %016llx", q(f->rsi), q(f->rdi), q(f->rbp), q(f->r8));
    kprintln("R9  %016llx R10 %016llx R11 %016llx R12 %016llx", q(f->r9), q(f->r10), q(f->r11), q(f->r12));
    kprintln("R13 %016llx R14 %016llx R15 %016llx", q(f->r13), q(f->r14), q(f->r15));
}

void arch_frame_ip_fp(const TrapFrame* f, uptr& ip, uptr& fp) {
    ip = f->rip;
    fp = f->rbp;
}
