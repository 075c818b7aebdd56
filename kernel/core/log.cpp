// SPDX-License-Identifier: MIT
#include "core/log.h"

#include <cstdarg>

#include "arch/console.h"
#include "arch/cpu.h"
#include "lib/format.h"
#include "sync/spinlock.h"

namespace {

constexpr usize kRingSize = kLogRingSize;

struct LogRing {
    char data[kRingSize];
    u64 head = 0;  // total bytes ever written; data[i % size]
};

constinit int g_console_level = 7;
Spinlock g_log_lock(LockRank::Log, "log");
LogRing g_ring;

void ring_append(const char* s, usize n) {
    for (usize i = 0; i < n; i++) g_ring.data[(g_ring.head + i) % kRingSize] = s[i];
    g_ring.head += n;
}

}  // namespace

void log_set_console_level(int level) { g_console_level = level; }
int log_console_level() { return g_console_level; }

void klog(LogLevel level, const char* fmt, ...) {
    char line[512];
    u64 ns = arch::clock_ns();
    usize n = format(line, sizeof(line), "[%5llu.%06llu] ", static_cast<unsigned long long>(ns / 1000000000),
                     static_cast<unsigned long long>(ns / 1000 % 1000000));
    va_list ap;
    va_start(ap, fmt);
    n += vformat(line + n, sizeof(line) - n - 1, fmt, ap);
    va_end(ap);
    if (n > sizeof(line) - 2) n = sizeof(line) - 2;
    line[n++] = '\n';
    line[n] = '\0';
    SpinlockGuard g(g_log_lock);
    // The ring keeps the Linux "<level>" prefix so dmesg can filter by level later.
    char prefix[4] = {'<', static_cast<char>('0' + static_cast<int>(level)), '>', 0};
    ring_append(prefix, 3);
    ring_append(line, n);
    if (static_cast<int>(level) < g_console_level) arch::console_write(line, n);
}

void kprintln(const char* fmt, ...) {
    char line[512];
    va_list ap;
    va_start(ap, fmt);
    usize n = vformat(line, sizeof(line) - 1, fmt, ap);
    va_end(ap);
    if (n > sizeof(line) - 2) n = sizeof(line) - 2;
    line[n++] = '\n';
    arch::console_write(line, n);
}

usize log_read_ring(char* buf, usize size) {
    SpinlockGuard g(g_log_lock);
    u64 start = g_ring.head > kRingSize ? g_ring.head - kRingSize : 0;
    usize n = 0;
    for (u64 i = start; i < g_ring.head && n < size; i++) buf[n++] = g_ring.data[i % kRingSize];
    return n;
}

u64 log_end() {
    SpinlockGuard g(g_log_lock);
    return g_ring.head;
}

LogSpan log_copy_since(u64 pos, char* buf, usize size) {
    SpinlockGuard g(g_log_lock);
    u64 oldest = g_ring.head > kRingSize ? g_ring.head - kRingSize : 0;
    if (pos < oldest) {
        // The line under the oldest byte lost its beginning: start after it.
        pos = oldest;
        if (oldest > 0) {
            while (pos < g_ring.head && g_ring.data[pos % kRingSize] != '\n') pos++;
            if (pos < g_ring.head) pos++;
        }
    }
    if (pos > g_ring.head) pos = g_ring.head;
    usize n = 0;
    for (u64 i = pos; i < g_ring.head && n < size; i++) buf[n++] = g_ring.data[i % kRingSize];
    return {pos, n};
}
