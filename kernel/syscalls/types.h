// SPDX-License-Identifier: MIT
// Argument types that give syscall handlers typed parameters and the tracer a way to decode
// them. The dispatcher converts each raw register to the parameter's type.
#pragma once

#include "mm/user_ptr.h"

// A NUL-terminated user string (paths, names): the tracer prints it quoted.
struct UserCString {
    uptr addr;
    bool is_null() const { return addr == 0; }
};

// Flags and masks the tracer prints in hex.
struct Flags {
    u64 value;
};

// A file descriptor (traced as a decimal int).
using Fd = int;

using SyscallResult = Result<i64>;

// Internal restart codes (never reach user space; the signal code maps them to EINTR or a
// restart). Values as Linux's include/linux/errno.h.
constexpr int ERESTARTSYS = 512;
constexpr int ERESTARTNOINTR = 513;
constexpr int ERESTARTNOHAND = 514;
constexpr int ERESTART_RESTARTBLOCK = 516;
