// SPDX-License-Identifier: MIT
// VERIFY: always-on invariant checks. In the kernel a failure panics with the location; on the
// host (unit tests) it aborts so the test framework reports it.
#pragma once

#include "lib/types.h"

[[noreturn]] void verify_failed(const char* expr, const char* file, int line, const char* func);

#define VERIFY(expr)                                                      \
    do {                                                                  \
        if (unlikely(!(expr)))                                            \
            verify_failed(#expr, __FILE__, __LINE__, __PRETTY_FUNCTION__); \
    } while (0)

#define VERIFY_NOT_REACHED() verify_failed("not reached", __FILE__, __LINE__, __PRETTY_FUNCTION__)

#ifdef ARAMID_DEBUG
#define DEBUG_ASSERT(expr) VERIFY(expr)
#else
#define DEBUG_ASSERT(expr) \
    do {                   \
    } while (0)
#endif
