// SPDX-License-Identifier: MIT
// Signal data kept by processes and threads. Linux numbering: 1..64, sets are u64 with bit
// (sig - 1). Handlers are shared by CLONE_SIGHAND threads; masks and thread-directed pending
// signals are per thread; process-directed pending signals are per process.
#pragma once

#include "lib/intrusive_list.h"
#include "lib/ref_ptr.h"
#include "lib/types.h"

constexpr int kNumSignals = 64;
using SigSet = u64;
constexpr SigSet sig_bit(int sig) { return SigSet(1) << (sig - 1); }

// The kernel's copy of struct sigaction (x86_64 rt_sigaction layout: handler, flags, restorer, mask).
struct KSigAction {
    u64 handler;    // SIG_DFL 0, SIG_IGN 1, or a user address
    u64 flags;
    u64 restorer;
    SigSet mask;
};
static_assert(sizeof(KSigAction) == 32);

// siginfo_t as Linux lays it out on x86_64 (128 bytes): the common head, then a union.
struct KSigInfo {
    i32 si_signo;
    i32 si_errno;
    i32 si_code;
    i32 pad0;
    union {
        struct { i32 pid; u32 uid; } kill;                               // SI_USER, SI_TKILL
        struct { i32 tid; i32 overrun; u64 value; } timer;               // SI_TIMER
        struct { i32 pid; u32 uid; u64 value; } rt;                      // SI_QUEUE, mq
        struct { i32 pid; u32 uid; i32 status; i32 pad; i64 utime; i64 stime; } chld;
        struct { u64 addr; } fault;                                      // SIGSEGV, SIGBUS, SIGILL, SIGFPE
        struct { i64 band; i32 fd; } poll;
        struct { u64 call_addr; i32 syscall; u32 arch; } sys;            // SIGSYS (seccomp)
        u8 raw[112];
    };
};
static_assert(sizeof(KSigInfo) == 128);

struct QueuedSignal {
    KSigInfo info;
    ListNode node;
    u32 charged_uid = 0;    // counted against this user's RLIMIT_SIGPENDING
    bool charged = false;
};
// Frees a queued signal and gives its RLIMIT_SIGPENDING charge back (core/signal.cpp).
void queued_signal_free(QueuedSignal* q);

// Pending signals: a set plus the queued siginfo records (standard signals coalesce, real-time
// signals queue each instance).
struct PendingSignals {
    SigSet set = 0;
    IntrusiveList<QueuedSignal, &QueuedSignal::node> queue;
};

class SignalHandlers : public RefCounted<SignalHandlers> {
public:
    KSigAction actions[kNumSignals] = {};
};
