// SPDX-License-Identifier: MIT
// The dispatcher: a table built at compile time from syscalls.def. Each entry converts the six
// argument registers to the handler's parameter types, calls it, and turns its Result into the
// return register. The tracer decodes arguments from the same types.
#include <asm/unistd_64.h>

#include <type_traits>
#include <utility>

#include "arch/cpu.h"
#include "arch/x86_64/trap_frame.h"
#include "core/log.h"
#include "core/percpu.h"
#include "core/process.h"
#include "core/ptrace.h"
#include "core/signal.h"
#include "lib/bitmap.h"
#include "syscalls/dispatch.h"
#include "syscalls/handlers.h"
#include "syscalls/seccomp.h"
#include "syscalls/trace.h"

namespace {
#include "syscall_names.inc"
}  // namespace

struct LightTable {
    i64 (*entries[kSyscallCount])();
};

namespace {

template <typename T>
T convert_arg(u64 v) {
    if constexpr (std::is_integral_v<T>) return static_cast<T>(v);
    else if constexpr (std::is_same_v<T, Flags>) return Flags{v};
    else if constexpr (std::is_same_v<T, UserCString>) return UserCString{v};
    else return T(v);   // UserPtr<...>
}

// The Linux argument registers, in order, read straight from the saved frame.
template <usize I>
u64 arg_reg(const TrapFrame* f) {
    if constexpr (I == 0) return f->rdi;
    else if constexpr (I == 1) return f->rsi;
    else if constexpr (I == 2) return f->rdx;
    else if constexpr (I == 3) return f->r10;
    else if constexpr (I == 4) return f->r8;
    else return f->r9;
}

template <typename F>
struct Invoker;
template <typename... Args>
struct Invoker<SyscallResult(Args...)> {
    template <SyscallResult (*Fn)(Args...), usize... I>
    static i64 call_impl([[maybe_unused]] const TrapFrame* f, std::index_sequence<I...>) {
        SyscallResult r = Fn(convert_arg<Args>(arg_reg<I>(f))...);
        return r.is_error() ? -static_cast<i64>(r.error_code()) : r.value();
    }
    template <SyscallResult (*Fn)(Args...)>
    static i64 call(const TrapFrame* f) {
        return call_impl<Fn>(f, std::index_sequence_for<Args...>{});
    }
    static void describe(ArgKind* kinds) {
        usize i = 0;
        ((kinds[i++] = arg_kind_of<Args>()), ...);
        while (i < 6) kinds[i++] = ArgKind::None;
    }
};

struct Entry {
    i64 (*invoke)(const TrapFrame* f);
    void (*describe)(ArgKind* kinds);
};

struct Table {
    Entry entries[kSyscallCount];
};

i64 unimplemented(u64 nr);
// Every number without a handler has this entry, so the common path is one indirect call.
i64 unimplemented_entry(const TrapFrame* f) { return unimplemented(f->error_code); }

constexpr Table make_table() {
    Table t{};
    for (auto& e : t.entries) e = Entry{&unimplemented_entry, nullptr};
#define SYSCALL(name)                                                                                  \
    t.entries[__NR_##name] = Entry{&Invoker<decltype(sys_##name)>::call<sys_##name>,                   \
                                   &Invoker<decltype(sys_##name)>::describe};
#include "syscalls/syscalls.def"
#undef SYSCALL
    return t;
}

constinit const Table g_table = make_table();

// LIGHT syscalls take no arguments and return a plain value (see syscalls.def). Every register
// but rax is preserved (the syscall ABI's rule, less rcx and r11), so the entry code saves none:
// the handlers of syscalls/light.h inline to a few loads; an out-of-line one costs the saves here.
template <SyscallResult (*Fn)()>
[[gnu::no_caller_saved_registers]] i64 light_call() {
    SyscallResult r = Fn();
    return r.is_error() ? -static_cast<i64>(r.error_code()) : r.value();
}

constexpr LightTable make_light_table() {
    LightTable t{};
#define SYSCALL(name)
#define LIGHT(name) t.entries[__NR_##name] = &light_call<sys_##name>;
#include "syscalls/syscalls.def"
#undef SYSCALL
    return t;
}
Bitmap<kSyscallCount> g_reported_unimplemented;

i64 unimplemented(u64 nr) {
    if (nr < kSyscallCount && !g_reported_unimplemented.get(nr)) {
        g_reported_unimplemented.set(nr);
        log_warn("syscall %s (%llu) is not implemented: ENOSYS", kSyscallNames[nr] ? kSyscallNames[nr] : "?",
                 static_cast<unsigned long long>(nr));
    } else if (nr >= kSyscallCount) {
        // Out-of-range numbers are not logged each time (a fuzzer makes many).
    }
    return -ENOSYS;
}

[[gnu::noinline]] i64 traced_call(const TrapFrame* f, u64 nr) {
    const u64 args[6] = {f->rdi, f->rsi, f->rdx, f->r10, f->r8, f->r9};
    TraceRecord rec;
    syscall_trace_begin(rec, nr, args, nr < kSyscallCount ? g_table.entries[nr].describe : nullptr);
    i64 ret = nr < kSyscallCount ? g_table.entries[nr].invoke(f) : unimplemented(nr);
    syscall_trace_end(rec, ret);
    return ret;
}

}  // namespace

// Read by syscall_entry (arch/x86_64/syscall_entry.S): a non-null entry is called directly.
extern "C" constinit const LightTable g_light_syscalls = make_light_table();
extern "C" {
u64 g_light_syscall_count = kSyscallCount;
}

namespace {
bool g_light_tracing_off = false;
bool g_light_seccomp_off = false;
bool g_light_ptrace_off = false;
void update_light() {
    g_light_syscall_count = g_light_tracing_off || g_light_seccomp_off || g_light_ptrace_off ? 0 : kSyscallCount;
}
}  // namespace

void syscall_light_enable(bool on) {
    g_light_tracing_off = !on;
    update_light();
}

void syscall_light_disable_for_seccomp() {
    g_light_seccomp_off = true;
    update_light();
}

void syscall_light_set_ptrace(bool any_tracee) {
    g_light_ptrace_off = any_tracee;
    update_light();
}

const char* syscall_name(u64 nr) { return nr < kSyscallCount ? kSyscallNames[nr] : nullptr; }
bool syscall_implemented(u64 nr) { return nr < kSyscallCount && g_table.entries[nr].invoke != &unimplemented_entry; }

namespace {

[[gnu::always_inline]] inline i64 call_handler(TrapFrame* f, u64 nr, Thread* t) {
    if (likely(nr < kSyscallCount && !syscall_trace_enabled(t))) return g_table.entries[nr].invoke(f);
    if (syscall_trace_enabled(t)) return traced_call(f, nr);
    return unimplemented(nr);
}

// Out of line so that the common path takes no address of its result.
[[gnu::noinline]] i64 filtered_call(TrapFrame* f, u64 nr, Thread* t) {
    i64 ret;
    if (!seccomp_permit(f, nr, &ret)) return ret;
    // A tracer may have changed the number at a PTRACE_EVENT_SECCOMP stop (taken as an int).
    if (unlikely(f->error_code != nr)) nr = static_cast<u32>(f->error_code);
    return call_handler(f, nr, t);
}

void store_result(TrapFrame* f, Thread* t, i64 ret) {
    // rt_sigreturn and execve rewrite the whole frame; their "return value" is already in rax.
    if (likely(!t->frame_replaced)) f->rax = static_cast<u64>(ret);
    else t->frame_replaced = false;
}

// Syscall work (Linux's syscall_trace_enter/syscall_exit_work): the ptrace stops around the
// call, then seccomp's filters. The tracer may change the number (orig_rax; -1 skips the call,
// leaving rax as it set it) and the arguments at the entry stop, and rax at the exit stop.
[[gnu::noinline]] void slow_dispatch(TrapFrame* f, u64 nr, Thread* t) {
    bool run = true;
    if (t->ptrace_work) {
        run = ptrace_syscall_entry(f);
        nr = f->error_code;
        // linux: do_syscall_64() takes the number as an int.
        if (static_cast<i32>(nr) == -1) run = false;
        else nr = static_cast<u32>(nr);
    }
    if (run) store_result(f, t, t->seccomp_mode ? filtered_call(f, nr, t) : call_handler(f, nr, t));
    if (t->ptrace_work) ptrace_syscall_exit(f);
}

}  // namespace

extern "C" void syscall_dispatch(TrapFrame* f) {
    Thread* t = current_thread();
    // Every user thread's frame slot is the top of its kernel stack, set when it was created,
    // which is where the entry code built this frame.
    DEBUG_ASSERT(t->user_frame == f);
    arch::irq_enable();
    u64 nr = f->rax;
    f->error_code = nr;   // orig_rax: the number survives the return value for restarts
    if (unlikely(t->syscall_work)) slow_dispatch(f, nr, t);
    else store_result(f, t, call_handler(f, nr, t));
    // Interrupts stay off from the last check to sysret/iretq, so nothing that needs doing
    // (a reschedule, a signal) can arrive unnoticed in between.
    arch::irq_disable();
    return_to_user(f, f->vector == 0x80, static_cast<i64>(f->rax));
}
