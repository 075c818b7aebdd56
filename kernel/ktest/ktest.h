// SPDX-License-Identifier: MIT
// In-kernel tests: KTEST(name) { ... } registers a test in the .ktests section; `ktest=GLOB` on
// the command line runs the matching ones after boot, prints results on the console and ends
// QEMU through isa-debug-exit (0 = all passed, 1 = some failed). KTEST_EXPECT_PANIC marks a test
// that must end in a kernel panic (the harness checks the report).
#pragma once

#include "core/log.h"
#include "lib/types.h"

struct KtestContext {
    const char* name;
    unsigned failures;
};

// GCC aligns 32-byte section objects to 32; with size == alignment the section is
// a plain array.
struct alignas(32) KtestEntry {
    const char* name;
    void (*fn)(KtestContext&);
    bool expect_panic;
};
static_assert(sizeof(KtestEntry) == 32);

#define KTEST_REGISTER(id, name_str, panic_flag)                                              \
    static void ktest_fn_##id(KtestContext& ktest_ctx);                                     \
    [[gnu::used, gnu::section(".ktests")]] static const KtestEntry ktest_entry_##id = {       \
        name_str, ktest_fn_##id, panic_flag};                                                \
    static void ktest_fn_##id([[maybe_unused]] KtestContext& ktest_ctx)

#define KTEST(id, name_str) KTEST_REGISTER(id, name_str, false)
#define KTEST_EXPECT_PANIC(id, name_str) KTEST_REGISTER(id, name_str, true)

void ktest_fail(KtestContext& ctx, const char* file, int line, const char* fmt, ...)
    __attribute__((format(printf, 4, 5)));

#define KEXPECT(cond)                                                                  \
    do {                                                                               \
        if (!(cond)) ktest_fail(ktest_ctx, __FILE__, __LINE__, "expected %s", #cond);  \
    } while (0)
#define KEXPECT_EQ(a, b)                                                                            \
    do {                                                                                            \
        auto ka_ = (a);                                                                             \
        auto kb_ = (b);                                                                             \
        if (!(ka_ == kb_))                                                                          \
            ktest_fail(ktest_ctx, __FILE__, __LINE__, "expected %s == %s (%lld vs %lld)", #a, #b,   \
                       static_cast<long long>(ka_), static_cast<long long>(kb_));                   \
    } while (0)
#define KASSERT(cond)                                                                  \
    do {                                                                               \
        if (!(cond)) {                                                                 \
            ktest_fail(ktest_ctx, __FILE__, __LINE__, "required %s", #cond);           \
            return;                                                                    \
        }                                                                              \
    } while (0)

// Runs the tests matching glob; never returns (ends the machine).
[[noreturn]] void ktest_run(const char* glob, usize glob_len);
