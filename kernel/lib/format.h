// SPDX-License-Identifier: MIT
// printf-style formatting into a fixed buffer; the kernel log, panic and procfs use it.
// Supports %d %i %u %x %X %o %p %s %c %% with flags "-0+ #", width, precision and the
// length modifiers hh h l ll z j t. Host-testable; never allocates.
#pragma once

#include <cstdarg>

#include "lib/types.h"

// Returns the length the full output would have (like vsnprintf); writes at most size-1
// characters plus a NUL when size > 0.
usize vformat(char* buf, usize size, const char* fmt, va_list ap);
usize format(char* buf, usize size, const char* fmt, ...) __attribute__((format(printf, 3, 4)));

// A sink-based variant so large outputs (procfs, log) can stream without one big buffer.
using FormatSink = void (*)(void* ctx, const char* s, usize n);
void vformat_to(FormatSink sink, void* ctx, const char* fmt, va_list ap);
