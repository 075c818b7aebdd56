// SPDX-License-Identifier: MIT
#include "syscalls/trace.h"

#include <cstdarg>

#include "core/log.h"
#include "core/process.h"
#include "lib/format.h"
#include "syscalls/dispatch.h"

namespace {
#include "errno_names.inc"

int g_pid = 0;

void append(TraceRecord& r, const char* fmt, ...) __attribute__((format(printf, 2, 3)));
void append(TraceRecord& r, const char* fmt, ...) {
    if (r.len >= sizeof(r.line) - 1) return;
    va_list ap;
    va_start(ap, fmt);
    usize n = vformat(r.line + r.len, sizeof(r.line) - r.len, fmt, ap);
    va_end(ap);
    r.len = min(r.len + n, sizeof(r.line) - 1);
}

void append_string(TraceRecord& r, u64 addr) {
    if (!addr) {
        append(r, "NULL");
        return;
    }
    char buf[48];
    usize n = 0;
    for (; n < sizeof(buf) - 1; n++) {
        if (copy_from_user(&buf[n], addr + n, 1).is_error()) {
            if (n == 0) {
                append(r, "%#llx", static_cast<unsigned long long>(addr));
                return;
            }
            break;
        }
        if (!buf[n]) break;
    }
    bool truncated = n == sizeof(buf) - 1;
    buf[n] = 0;
    append(r, "\"");
    for (usize i = 0; i < n; i++) {
        char c = buf[i];
        if (c == '\n') append(r, "\\n");
        else if (c == '"' || c == '\\') append(r, "\\%c", c);
        else if (c < 32 || c > 126) append(r, "\\x%02x", static_cast<u8>(c));
        else append(r, "%c", c);
    }
    append(r, truncated ? "\"..." : "\"");
}
}  // namespace

const char* errno_name(int e) { return e > 0 && static_cast<unsigned>(e) < kErrnoCount ? kErrnoNames[e] : nullptr; }

bool g_syscall_trace_on = false;

void syscall_trace_configure(bool on, int pid) {
    g_syscall_trace_on = on;
    syscall_light_enable(!on);   // light syscalls skip the dispatcher, and so the tracer
    g_pid = pid;
}

bool syscall_trace_selected(const Thread* t) { return !g_pid || (t->process && t->process->pid == g_pid); }

void syscall_trace_begin(TraceRecord& r, u64 nr, const u64* args, void (*describe)(ArgKind*)) {
    r.len = 0;
    r.nr = nr;
    Thread* t = current_thread();
    append(r, "[%d] ", t->tid);
    const char* name = syscall_name(nr);
    if (name) append(r, "%s(", name);
    else append(r, "syscall_%llu(", static_cast<unsigned long long>(nr));
    ArgKind kinds[6];
    if (describe) describe(kinds);
    else for (auto& k : kinds) k = ArgKind::Hex;
    for (int i = 0; i < 6 && kinds[i] != ArgKind::None; i++) {
        if (i) append(r, ", ");
        auto v = static_cast<unsigned long long>(args[i]);
        switch (kinds[i]) {
        case ArgKind::Signed: append(r, "%d", static_cast<int>(args[i])); break;
        case ArgKind::Unsigned: append(r, "%llu", v); break;
        case ArgKind::Size: append(r, "%llu", v); break;
        case ArgKind::Hex: append(r, "%#llx", v); break;
        case ArgKind::Pointer: append(r, v ? "%#llx" : "NULL", v); break;
        case ArgKind::String: append_string(r, args[i]); break;
        case ArgKind::None: break;
        }
    }
    append(r, ")");
    // Calls that do not return print now.
    if (name && (__builtin_strcmp(name, "exit") == 0 || __builtin_strcmp(name, "exit_group") == 0)) {
        kprintln("%.*s = ?", static_cast<int>(r.len), r.line);
        r.len = 0;
    }
}

void syscall_trace_end(TraceRecord& r, i64 ret) {
    if (r.len == 0) return;
    if (ret < 0 && ret > -4096) {
        const char* n = errno_name(static_cast<int>(-ret));
        if (-ret >= 512 && -ret <= 516) n = "ERESTART";
        kprintln("%.*s = -1 %s (%lld)", static_cast<int>(r.len), r.line, n ? n : "E?", static_cast<long long>(ret));
    } else if (ret > 0xffff || ret < 0) {
        kprintln("%.*s = %#llx", static_cast<int>(r.len), r.line, static_cast<unsigned long long>(ret));
    } else {
        kprintln("%.*s = %lld", static_cast<int>(r.len), r.line, static_cast<long long>(ret));
    }
}
