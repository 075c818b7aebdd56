// SPDX-License-Identifier: MIT
// trap_dispatch: exceptions, device interrupts and the LAPIC timer. A fault in kernel mode
// that has no fixup entry is a kernel bug: report and stop.
#include "arch/x86_64/traps.h"

#include "arch/x86_64/apic.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/extable.h"
#include "arch/x86_64/trap_frame.h"
#include "core/log.h"
#include "core/panic.h"
#include "core/percpu.h"
#include "core/sched.h"
#include "lib/format.h"
#include "mm/kstack.h"

namespace {

const char* const kExceptionNames[32] = {
    "divide error", "debug", "NMI", "breakpoint", "overflow", "bound range", "invalid opcode",
    "device not available", "double fault", "coprocessor overrun", "invalid TSS", "segment not present",
    "stack fault", "general protection", "page fault", "reserved", "x87 FP error", "alignment check",
    "machine check", "SIMD FP error", "virtualization", "control protection", "reserved", "reserved",
    "reserved", "reserved", "reserved", "reserved", "hypervisor injection", "VMM communication",
    "security", "reserved"};

struct IrqSlot {
    arch::IrqHandler handler;
    void* ctx;
};
IrqSlot g_irq_handlers[256];
arch::TimerHandler g_timer_handler;

void describe_page_fault(u64 err, char* buf, usize n) {
    format(buf, n, "%s %s in %s mode%s%s", (err & 1) ? "protection violation on" : "not-present page on",
           (err & 16) ? "instruction fetch" : (err & 2) ? "write" : "read", (err & 4) ? "user" : "kernel",
           (err & 8) ? ", reserved bit set" : "", (err & 32) ? ", protection key" : "");
}

[[noreturn]] void kernel_exception(TrapFrame* f, u64 cr2) {
    const char* name = f->vector < 32 ? kExceptionNames[f->vector] : "unknown";
    char detail[160] = "";
    if ((f->vector == 14 || f->vector == 8) && kstack_is_guard(cr2)) {
        format(detail, sizeof(detail), ": kernel stack overflow (access at %#llx hit a stack guard page)",
               static_cast<unsigned long long>(cr2));
    } else if (f->vector == 14) {
        char pf[120];
        describe_page_fault(f->error_code, pf, sizeof(pf));
        format(detail, sizeof(detail), " at address %#llx: %s", static_cast<unsigned long long>(cr2), pf);
    } else if (f->vector == 13 || f->vector == 10 || f->vector == 11 || f->vector == 12) {
        if (f->error_code)
            format(detail, sizeof(detail), " (selector %#llx%s)", static_cast<unsigned long long>(f->error_code & ~7ull),
                   (f->error_code & 1) ? ", external" : "");
    } else if (f->vector == 8) {
        format(detail, sizeof(detail), " (the fault handler itself faulted: likely a stack overflow)");
    }
    panic_with_frame(f, "CPU exception %llu (%s), error code %#llx%s", static_cast<unsigned long long>(f->vector),
                     name, static_cast<unsigned long long>(f->error_code), detail);
}

}  // namespace

extern "C" void trap_dispatch(TrapFrame* f) {
    u64 v = f->vector;
    if (v < 32) {
        // CR2 first, before anything can enable interrupts: a page fault taken by whatever runs
        // after an interrupt (another process, after a preemption) overwrites it.
        u64 cr2 = (v == 14 || v == 8) ? x86::read_cr2() : 0;
        record_event("exception", v, f->rip);
        if (!f->from_user() && f->vector == 14 && user_page_fault_hook && cr2 < 0x0000800000000000ull &&
            extable_contains(f->rip) && (f->rflags & x86::kRflagsIF)) {
            // Only user-copy instructions may touch user memory; they may fault it in. With
            // interrupts off (a spinlock held: futex buckets) nothing may sleep, so the access
            // fails to its fixup and the caller retries unlocked, as Linux's pagefault_disable.
            x86::sti();
            bool handled = user_page_fault_hook(f, cr2);
            x86::cli();
            if (handled) return;
        }
        if (!f->from_user() && extable_fixup(f)) return;
        if (f->from_user() && user_exception_hook) {
            user_exception_hook(f, cr2);
            return;
        }
        kernel_exception(f, cr2);
    }
    if (v == kTimerVector) {
        apic_eoi();
        if (PerCpu* c = this_cpu_or_null()) c->ticks++;
        if (PerCpu* c = this_cpu_or_null()) c->tick_from_user = f->from_user();
        if (g_timer_handler) g_timer_handler();
        if (f->from_user() && user_return_hook) user_return_hook(f);
        else sched_preempt_point();
        return;
    }
    if (v == kSpuriousVector) return;   // no EOI for spurious interrupts
    record_event("irq", v);
    if (g_irq_handlers[v].handler) g_irq_handlers[v].handler(g_irq_handlers[v].ctx);
    else log_warn("unexpected interrupt on vector %llu", static_cast<unsigned long long>(v));
    apic_eoi();
    if (f->from_user() && user_return_hook) user_return_hook(f);
    else sched_preempt_point();
}

void (*user_exception_hook)(TrapFrame*, u64) = nullptr;
void (*user_return_hook)(TrapFrame*) = nullptr;
bool (*user_page_fault_hook)(TrapFrame*, u64) = nullptr;

bool irq_set_vector_handler(unsigned vector, arch::IrqHandler h, void* ctx) {
    if (vector < 32 || vector >= 256 || g_irq_handlers[vector].handler) return false;
    g_irq_handlers[vector] = {h, ctx};
    return true;
}

namespace arch {
void timer_set_handler(TimerHandler h) { g_timer_handler = h; }
}  // namespace arch
