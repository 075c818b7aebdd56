// SPDX-License-Identifier: MIT
// Thread context as the scheduler sees it.
#pragma once

#include "lib/types.h"

class Thread;

namespace arch {
// Lays out a new thread's stack so that the first switch to it enters thread_start(prev, entry, arg).
u64 prepare_thread_stack(u64 stack_top, void (*entry)(void*), void* arg);
// Called when `next` is about to run on this CPU (kernel stack for traps from user mode).
void on_thread_switch(u64 next_stack_top);
// User TLS bases of the thread about to run (FS for glibc/musl TLS, GS rarely).
void set_user_tls(u64 fs_base, u64 gs_base);
// Segment state beyond the two bases (x86: the selectors loaded from modify_ldt's entries). Switch: out before anything of next is loaded, in after
// set_user_tls. Copy: a new thread starts with like's (like's live selectors when current).
void switch_user_segments_out(Thread& prev);
void switch_user_segments_in(Thread& next);
void copy_user_segments(Thread& t, const Thread& like);
void reset_user_segments(Thread& t);   // exec
void forget_user_fs(Thread& t);        // ARCH_SET_FS / CLONE_SETTLS: the base comes from the MSR
void forget_user_gs(Thread& t);
}  // namespace arch

extern "C" Thread* switch_context(Thread* prev, Thread* next, u64* prev_rsp, u64 next_rsp);
