// SPDX-License-Identifier: MIT
#include "core/panic.h"

#include <atomic>
#include <cstdarg>

#include "arch/cpu.h"
#include "arch/x86_64/symbols.h"
#include "core/log.h"
#include "lib/assert.h"
#include "core/percpu.h"
#include "lib/format.h"
#include "sync/lockdep.h"

static void print_frame_line(unsigned i, uptr addr, bool exact);
static void print_backtrace_from(unsigned first_index, uptr fp);

namespace {
constinit i64 g_panic_timeout = 0;
constinit bool g_exit_on_panic = false;
std::atomic<bool> g_panicking{false};

[[noreturn]] void panic_common(const TrapFrame* frame, const char* fmt, va_list ap) {
    arch::irq_disable();
    PerCpu* cpu = this_cpu_or_null();
    if (cpu) {
        if (cpu->in_panic) {
            // A fault inside the panic report: stop at once rather than recurse.
            kprintln("!!! nested panic; halting");
            arch::halt_forever();
        }
        cpu->in_panic = true;
    }
    if (g_panicking.exchange(true)) arch::halt_forever();   // another CPU is reporting

    char msg[400];
    vformat(msg, sizeof(msg), fmt, ap);
    kprintln("%s", "");
    kprintln("KERNEL PANIC on CPU %u: %s", cpu ? cpu->id : 0, msg);
    kprintln("Backtrace:");
    if (frame) {
        uptr ip, fp;
        arch_frame_ip_fp(frame, ip, fp);
        print_frame_line(0, ip, true);
        print_backtrace_from(1, fp);
        arch_dump_frame(frame);
    } else {
        print_backtrace(0);
    }
    lockdep_dump_held();
    if (cpu) dump_recent_events(cpu);

    if (g_exit_on_panic) {
        kprintln("ktest: exiting QEMU after panic");
        arch::debug_exit(3);
    }
    if (g_panic_timeout < 0) {
        kprintln("Rebooting (panic=%lld)", static_cast<long long>(g_panic_timeout));
        arch::reset();
    }
    if (g_panic_timeout > 0) {
        kprintln("Rebooting in %lld seconds", static_cast<long long>(g_panic_timeout));
        u64 until = arch::clock_ns() + u64(g_panic_timeout) * 1000000000ull;
        while (arch::clock_ns() < until) arch::cpu_relax();
        arch::reset();
    }
    kprintln("System halted.");
    arch::halt_forever();
}
}  // namespace

void panic_set_timeout(i64 seconds) { g_panic_timeout = seconds; }
void panic_set_exit_on_panic(bool on) { g_exit_on_panic = on; }

void panic(const char* fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    panic_common(nullptr, fmt, ap);
}

void panic_with_frame(const TrapFrame* frame, const char* fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    panic_common(frame, fmt, ap);
}

static void print_frame_line(unsigned i, uptr addr, bool exact) {
    SymbolInfo s;
    // Return addresses point after the call; look up addr-1 so a call at a function's very end
    // is attributed to the right function.
    if (kernel_symbolize(addr - (exact ? 0 : 1), s))
        kprintln("  #%-2u %#018llx %.*s+%#llx", i, static_cast<unsigned long long>(addr), static_cast<int>(s.name.length()),
                 s.name.data(), static_cast<unsigned long long>(s.offset + (exact ? 0 : 1)));
    else
        kprintln("  #%-2u %#018llx ?", i, static_cast<unsigned long long>(addr));
}

static void print_backtrace_from(unsigned first_index, uptr fp) {
    uptr frames[32];
    usize n = arch::backtrace(frames, 32, fp);
    for (usize i = 0; i < n; i++) print_frame_line(first_index + i, frames[i], false);
}

void print_backtrace(uptr frame_pointer) { print_backtrace_from(0, frame_pointer); }

void verify_failed(const char* expr, const char* file, int line, const char* func) {
    panic("VERIFY(%s) failed at %s:%d in %s", expr, file, line, func);
}
