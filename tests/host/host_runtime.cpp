// SPDX-License-Identifier: MIT
// What the pure kernel code expects from its environment, provided by the host C library.
#include <cstdio>
#include <cstdlib>

#include "lib/assert.h"

void verify_failed(const char* expr, const char* file, int line, const char* func) {
    std::fprintf(stderr, "VERIFY(%s) failed at %s:%d in %s\n", expr, file, line, func);
    std::abort();
}
