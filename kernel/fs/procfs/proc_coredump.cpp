// SPDX-License-Identifier: MIT
// /proc/<pid>/coredump_filter (man 5 core): which kinds of mappings a core dump would hold, nine
// bits, kept across fork and execve. linux: fs/proc/base.c proc_coredump_filter_read/write.
// LINUX-DIVERGENCE: Aramid writes no core files; the filter is only kept (systemd reads it at
// boot and sets it for units with CoredumpFilter=).
#include "core/process_table.h"
#include "fs/procfs/proc_show.h"

namespace {
constexpr u32 kFilterBits = 9;   // linux: MMF_DUMP_FILTER_BITS

// kstrtouint(s, 0): an optional '+', then 0x hex, leading 0 octal, else decimal; one trailing
// newline; nothing else.
Result<u32> parse_uint_auto(StringView s) {
    if (!s.empty() && s[s.length() - 1] == '\n') s = s.substr(0, s.length() - 1);
    if (!s.empty() && s[0] == '+') s = s.substr(1);
    u64 base = 10;
    usize i = 0;
    if (s.length() > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        i = 2;
    } else if (s.length() > 1 && s[0] == '0') {
        base = 8;
    }
    if (i >= s.length()) return Error(EINVAL);
    u64 v = 0;
    for (; i < s.length(); i++) {
        char c = s[i];
        u64 d = c >= '0' && c <= '9' ? u64(c - '0') : c >= 'a' && c <= 'f' ? u64(c - 'a' + 10)
                : c >= 'A' && c <= 'F'                 ? u64(c - 'A' + 10)
                                                       : 99;
        if (d >= base) return Error(EINVAL);
        v = v * base + d;
        if (v > 0xffffffffu) return Error(ERANGE);
    }
    return static_cast<u32>(v);
}
}  // namespace

PROC_SHOW(proc_show_pid_coredump_filter) {
    u32 filter;
    {
        SpinlockGuard g(g_process_tree_lock);
        Process* p = process_find_locked(node.pid);
        if (!p) return Error(ESRCH);
        filter = p->coredump_filter;
    }
    out.appendf("%08x\n", filter);
    return out.status();
}

PROC_WRITE(proc_write_pid_coredump_filter) {
    (void)viewer;
    u32 v = TRY(parse_uint_auto(data));
    SpinlockGuard g(g_process_tree_lock);
    Process* p = process_find_locked(node.pid);
    if (!p) return Error(ESRCH);
    p->coredump_filter = v & ((1u << kFilterBits) - 1);
    return {};
}
