// SPDX-License-Identifier: MIT
// strace-like syscall tracing, switched on with trace=syscalls (optionally trace_pid=N): one
// line per call with the decoded arguments and the result or errno name.
#pragma once

#include <type_traits>

#include "syscalls/types.h"

class Thread;

enum class ArgKind : u8 { None, Signed, Unsigned, Size, Hex, Pointer, String };

template <typename T>
constexpr ArgKind arg_kind_of() {
    if constexpr (std::is_same_v<T, UserCString>) return ArgKind::String;
    else if constexpr (std::is_same_v<T, Flags>) return ArgKind::Hex;
    else if constexpr (std::is_same_v<T, usize>) return ArgKind::Size;
    else if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) return ArgKind::Signed;
    else if constexpr (std::is_integral_v<T>) return ArgKind::Unsigned;
    else return ArgKind::Pointer;
}

struct TraceRecord {
    char line[320];
    usize len;
    u64 nr;
};

void syscall_trace_configure(bool on, int pid);
extern bool g_syscall_trace_on;
bool syscall_trace_selected(const Thread* t);
inline bool syscall_trace_enabled(const Thread* t) { return unlikely(g_syscall_trace_on) && syscall_trace_selected(t); }
void syscall_trace_begin(TraceRecord& r, u64 nr, const u64* args, void (*describe)(ArgKind*));
void syscall_trace_end(TraceRecord& r, i64 ret);
const char* errno_name(int e);
