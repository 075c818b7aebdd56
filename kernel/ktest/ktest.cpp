// SPDX-License-Identifier: MIT
#include "ktest/ktest.h"

#include <cstdarg>

#include "arch/cpu.h"
#include "core/panic.h"
#include "lib/format.h"
#include "lib/string_view.h"
#include "mm/kheap.h"
#include "mm/pmm.h"

extern "C" const KtestEntry __ktests_start[], __ktests_end[];

void ktest_fail(KtestContext& ctx, const char* file, int line, const char* fmt, ...) {
    char msg[300];
    va_list ap;
    va_start(ap, fmt);
    vformat(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    kprintln("KTEST   %s: %s:%d: %s", ctx.name, file, line, msg);
    ctx.failures++;
}

// `ktest=` takes one glob or several separated by commas.
namespace {
bool selected(StringView globs, StringView name) {
    while (!globs.empty()) {
        usize comma = globs.find(',');
        if (glob_match(globs.substr(0, comma), name)) return true;
        globs = globs.substr(comma + 1);
    }
    return false;
}
}  // namespace

void ktest_run(const char* glob_text, usize glob_len) {
    StringView glob(glob_text, glob_len);
    unsigned passed = 0, failed = 0;
    panic_set_exit_on_panic(true);
    for (const KtestEntry* t = __ktests_start; t < __ktests_end; t++) {
        if (!selected(glob, StringView(t->name))) continue;
        KtestContext ctx{t->name, 0};
        kprintln("KTEST BEGIN %s%s", t->name, t->expect_panic ? " (expects a panic)" : "");
        usize pages_before = pmm_free_pages();
        u64 start = arch::clock_ns();
        t->fn(ctx);
        u64 ms = (arch::clock_ns() - start) / 1'000'000;
        if (t->expect_panic) {
            kprintln("KTEST FAIL %s: returned instead of panicking", t->name);
            failed++;
            continue;
        }
        if (ctx.failures) {
            kprintln("KTEST FAIL %s (%llu ms, %u failed checks)", t->name, static_cast<unsigned long long>(ms),
                     ctx.failures);
            failed++;
        } else {
            kprintln("KTEST PASS %s (%llu ms)", t->name, static_cast<unsigned long long>(ms));
            passed++;
        }
        // Leak check across tests: a test may cache a little (slab reserves), never megabytes.
        usize pages_after = pmm_free_pages();
        if (pages_after + 256 < pages_before)
            kprintln("KTEST WARN %s: %zu pages not returned", t->name, pages_before - pages_after);
    }
    kprintln("KTEST SUMMARY: %u passed, %u failed", passed, failed);
    if (passed + failed == 0) kprintln("KTEST no test matches '%.*s'", static_cast<int>(glob_len), glob_text);
    arch::debug_exit(failed || passed + failed == 0 ? 1 : 0);
    arch::power_off();
}
