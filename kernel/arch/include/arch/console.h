// SPDX-License-Identifier: MIT
// The early console: synchronous, lock-free output usable from a panic.
#pragma once

#include "lib/types.h"

namespace arch {
void console_init();
void console_write(const char* s, usize n);
}  // namespace arch
