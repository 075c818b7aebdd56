// SPDX-License-Identifier: MIT
// Kernel log: Linux levels (0 emerg .. 7 debug), nanosecond timestamps since boot, kept in a ring
// buffer (later /dev/kmsg and dmesg) and echoed to the console when below console_loglevel.
#pragma once

#include "lib/types.h"

enum class LogLevel : u8 { Emerg = 0, Alert, Crit, Err, Warn, Notice, Info, Debug };

void log_set_console_level(int level);   // loglevel=, quiet (=4)
int log_console_level();
void klog(LogLevel level, const char* fmt, ...) __attribute__((format(printf, 2, 3)));
// Unconditional, unbuffered console line (panic and fault reports).
void kprintln(const char* fmt, ...) __attribute__((format(printf, 1, 2)));

// Copies the ring (oldest first) into buf; returns bytes copied.
usize log_read_ring(char* buf, usize size);

// syslog(2)'s view of the ring: positions are byte offsets in the stream of everything ever
// logged, of which the ring keeps the last kLogRingSize bytes.
constexpr usize kLogRingSize = 64 * 1024;
struct LogSpan {
    u64 from;    // stream position of buf[0]
    usize len;
};
// Copies the text from pos to the end of the log, starting instead at the oldest whole line
// still kept when pos has been overwritten; at most size bytes.
LogSpan log_copy_since(u64 pos, char* buf, usize size);
u64 log_end();   // the stream position after the last byte logged

#define log_err(...) klog(LogLevel::Err, __VA_ARGS__)
#define log_warn(...) klog(LogLevel::Warn, __VA_ARGS__)
#define log_notice(...) klog(LogLevel::Notice, __VA_ARGS__)
#define log_info(...) klog(LogLevel::Info, __VA_ARGS__)
#define log_debug(...) klog(LogLevel::Debug, __VA_ARGS__)
