// SPDX-License-Identifier: MIT
// execve: replaces the calling process's program. Handles ELF (static, static-PIE, and dynamic
// with PT_INTERP) and #! scripts.
#pragma once

#include "lib/result.h"
#include "lib/span.h"
#include "lib/string_view.h"

struct TrapFrame;
struct Path;

// Arguments and environment already copied into the kernel.
struct ExecArgs {
    Span<const StringView> argv;
    Span<const StringView> envp;
};

// On success the calling thread's user frame is the new program's initial state. Errors before
// the point of no return leave the process as it was; after it, the process is killed.
Result<void> do_execve(const Path& at, StringView path, const ExecArgs& args, bool follow_last);

// Copies a NULL-terminated user array of strings (argv or envp) into `storage` (kmalloc'd,
// caller frees with kfree), with Linux's limits: E2BIG past MAX_ARG_STRLEN for one string or past
// the total budget, EFAULT on a bad pointer.
Result<Span<StringView>> copy_user_string_array(uptr array, usize& budget, void*& storage);
