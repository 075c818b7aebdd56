// SPDX-License-Identifier: MIT
// Shared by the benchmark programs: the guest clock, quick mode, the timed loop and the report line.
//
// Every benchmark prints exactly one line on success:  BENCH <name> <ns_per_op>
// (one decimal). On any unexpected failure it prints "BENCH-ERROR <name>: ..." on stderr and exits 1
// without a BENCH line: a figure is never made up.
//
// Times are guest time from clock_gettime(CLOCK_MONOTONIC). Under QEMU's -icount shift=0,sleep=off
// guest time is the guest instruction count (1 ns per instruction), so results repeat exactly.
#ifndef ARAMID_BENCH_H
#define ARAMID_BENCH_H

#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

// A benchmark stops early once this much guest time is spent (a kernel much slower than Linux must
// not make the suite take hours); ns/op is then computed over the iterations done.
#define BENCH_CAP_NS 1500000000LL
// BENCH_QUICK=1 (the smoke tests) divides every loop by this.
#define BENCH_QUICK_DIV 20

static const char *bench_current = "?";

static inline long long bench_now_ns(void) {
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0) {
        fprintf(stderr, "BENCH-ERROR %s: clock_gettime: %s\n", bench_current, strerror(errno));
        exit(1);
    }
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static inline int bench_quick(void) {
    const char *q = getenv("BENCH_QUICK");
    return q && *q && strcmp(q, "0") != 0;
}

// Scale a loop count for quick mode (never below 1).
static inline long bench_iters(long n) {
    if (bench_quick()) n /= BENCH_QUICK_DIV;
    return n < 1 ? 1 : n;
}

__attribute__((noreturn, format(printf, 1, 2))) static void bench_fail(const char *fmt, ...) {
    int e = errno;
    va_list ap;
    fprintf(stderr, "BENCH-ERROR %s: ", bench_current);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, " (errno %d: %s)\n", e, strerror(e));
    exit(1);
}

// Abort the benchmark unless cond holds.
#define BENCH_CHECK(cond)                                         \
    do {                                                          \
        if (__builtin_expect(!(cond), 0)) bench_fail("%s", #cond); \
    } while (0)

static void bench_report(const char *name, long long ns, long long ops) {
    if (ops <= 0) bench_fail("no operations");
    long long tenths = (ns * 10 + ops / 2) / ops;
    printf("BENCH %s %lld.%lld\n", name, tenths / 10, tenths % 10);
    fflush(stdout);
}

// Run op(k) (which performs k operations) for n operations in all, in batches of about n/10, after
// a warm-up batch of about n/100. Stops once BENCH_CAP_NS of guest time is spent. Reports ns per
// unit, where one operation is units_per_op units (1 normally; 4096 when one operation touches 4096
// pages and the figure is ns per page).
static void bench_loop(const char *name, long n, long long units_per_op, void (*op)(long k)) {
    bench_current = name;
    n = bench_iters(n);
    long batch = n / 10 > 0 ? n / 10 : 1;
    long warm = n / 100 > 0 ? n / 100 : 1;
    op(warm);
    long done = 0;
    long long t0 = bench_now_ns(), elapsed = 0;
    while (done < n) {
        long k = n - done < batch ? n - done : batch;
        op(k);
        done += k;
        elapsed = bench_now_ns() - t0;
        if (elapsed > BENCH_CAP_NS) break;
    }
    bench_report(name, elapsed, (long long)done * units_per_op);
}

#endif
