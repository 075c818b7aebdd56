// SPDX-License-Identifier: MIT
// Deliberate kernel faults. Each must end in a panic report that names the faulting function;
// the harness (tests/CMakeLists.txt) checks the report.
#include "core/sched.h"
#include "ktest/ktest.h"

// Outside any namespace and not static, so the symbol name is exactly this.
[[gnu::noinline]] void ktest_fault_target(volatile u64* p);
[[gnu::noinline]] void ktest_fault_target(volatile u64* p) { *p = 0x1234; }

KTEST_EXPECT_PANIC(page_fault, "fault.kernel_page_fault") {
    // An unmapped user-half address: a kernel-mode write there is a bug and must panic.
    ktest_fault_target(reinterpret_cast<volatile u64*>(0x0000100000000040ull));
}

[[gnu::noinline]] unsigned ktest_recurse_forever(unsigned depth);
volatile unsigned g_recursion_limit = ~0u;   // never reached: the guard page stops it first
[[gnu::noinline]] unsigned ktest_recurse_forever(unsigned depth) {
    volatile char pad[256];
    pad[0] = static_cast<char>(depth);
    if (depth == g_recursion_limit) return 0;
    return ktest_recurse_forever(depth + 1) + pad[0];
}

namespace {
void overflow_thread(void*) { ktest_recurse_forever(0); }
}  // namespace

KTEST_EXPECT_PANIC(stack_overflow, "fault.kernel_stack_overflow") {
    // Runs on a fresh 16 KiB thread stack so the guard page below it is what stops it.
    Thread* t = MUST(Thread::create("overflow", overflow_thread, nullptr));
    sched_start(t);
    for (;;) sleep_ns(1'000'000);
}

KTEST_EXPECT_PANIC(verify, "fault.verify_failure") {
    volatile int x = 1;
    VERIFY(x == 2);
}
