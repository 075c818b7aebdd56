// SPDX-License-Identifier: MIT
#include "arch/context.h"

#include "arch/x86_64/cpu.h"
#include "arch/x86_64/gdt.h"
#include "arch/x86_64/user_segments.h"
#include "core/thread.h"
#include "core/percpu.h"

extern "C" void thread_trampoline();

namespace arch {

u64 prepare_thread_stack(u64 top, void (*entry)(void*), void* arg) {
    auto* sp = reinterpret_cast<u64*>(top);
    // switch_context's ret pops this, leaving rsp 16-aligned as the trampoline's call expects.
    *--sp = reinterpret_cast<u64>(thread_trampoline);
    *--sp = 0;                                          // rbp
    *--sp = 0;                                          // rbx
    *--sp = reinterpret_cast<u64>(entry);               // r12
    *--sp = reinterpret_cast<u64>(arg);                 // r13
    *--sp = 0;                                          // r14
    *--sp = 0;                                          // r15
    return reinterpret_cast<u64>(sp);
}

void set_user_tls(u64 fs_base, u64 gs_base) {
    x86::wrmsr(x86::kMsrFsBase, fs_base);
    x86::wrmsr(x86::kMsrKernelGsBase, gs_base);   // swapped in by swapgs on the way out
}

void switch_user_segments_out(Thread& prev) {
    if (prev.uses_segments) x86::save_user_segments(prev);
}

void switch_user_segments_in(Thread& next) { x86::load_user_segments(next); }

void copy_user_segments(Thread& t, const Thread& like) {
    if (!like.uses_segments) return;
    t.user_fsindex = like.user_fsindex;
    t.user_gsindex = like.user_gsindex;
    t.user_ds = like.user_ds;
    t.user_es = like.user_es;
    if (&like == current_thread()) x86::save_user_segments(t);   // the live selectors
    t.uses_segments = true;
}

void reset_user_segments(Thread& t) { x86::reset_user_segments(t); }
void forget_user_fs(Thread& t) { x86::forget_user_fs(t); }
void forget_user_gs(Thread& t) { x86::forget_user_gs(t); }

void on_thread_switch(u64 next_stack_top) {
    this_cpu()->kernel_stack_top = next_stack_top;
    x86::tss_set_kernel_stack(next_stack_top);
}

}  // namespace arch
