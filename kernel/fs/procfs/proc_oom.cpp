// SPDX-License-Identifier: MIT
// /proc/<pid>/oom_score_adj, oom_adj and oom_score (linux: fs/proc/base.c). The OOM killer
// (core/oom.cpp) weighs processes by the same badness oom_score shows.
#include "core/process_table.h"
#include "fs/procfs/proc_internal.h"
#include "fs/procfs/proc_show.h"
#include "fs/procfs/proc_task.h"
#include "mm/pmm.h"

namespace {

constexpr int kOomScoreAdjMin = -1000;
constexpr int kOomScoreAdjMax = 1000;
constexpr int kOomDisable = -17;      // the legacy oom_adj scale: -17..15
constexpr int kOomAdjustMax = 15;

// The adjustment lives in the process (core/process.h), under the tree lock.
void read_adj(int pid, short& adj, short& adj_min) {
    adj = adj_min = 0;
    SpinlockGuard g(g_process_tree_lock);
    if (Process* p = process_find_locked(pid)) {
        adj = p->oom_score_adj;
        adj_min = p->oom_score_adj_min;
    }
}

Result<void> store_adj(int pid, short adj, short adj_min) {
    SpinlockGuard g(g_process_tree_lock);
    Process* p = process_find_locked(pid);
    if (!p) return Error(ESRCH);
    p->oom_score_adj = adj;
    p->oom_score_adj_min = adj_min;
    return {};
}

// kstrtoint(strstrip(buf), 0, ...): optional sign, 0x/0 prefixes, surrounding whitespace.
Result<int> parse_int(StringView data) {
    usize b = 0, e = data.length();
    auto space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; };
    while (b < e && space(data[b])) b++;
    while (e > b && (space(data[e - 1]) || data[e - 1] == '\0')) e--;
    StringView s = data.substr(b, e - b);
    bool neg = false;
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
        neg = s[0] == '-';
        s = s.substr(1);
    }
    unsigned base = 10;
    if (s.length() > 1 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s = s.substr(2);
    } else if (s.length() > 1 && s[0] == '0') {
        base = 8;
        s = s.substr(1);
    }
    if (s.empty()) return Error(EINVAL);
    i64 v = 0;
    for (usize i = 0; i < s.length(); i++) {
        char c = s[i];
        unsigned d = c >= '0' && c <= '9' ? unsigned(c - '0') : c >= 'a' && c <= 'f' ? unsigned(c - 'a' + 10)
                   : c >= 'A' && c <= 'F' ? unsigned(c - 'A' + 10) : 99;
        if (d >= base) return Error(EINVAL);
        v = v * base + d;
        if (v > 0x80000000ll) return Error(ERANGE);
    }
    if (neg) v = -v;
    if (v > 0x7fffffff || v < -0x80000000ll) return Error(ERANGE);
    return static_cast<int>(v);
}

// The numeric part of a write: at most 12 bytes count (PROC_NUMBUF - 1).
StringView number_part(StringView data) { return data.substr(0, 12); }

}  // namespace

PROC_SHOW(proc_show_pid_oom_score_adj) {
    (void)viewer;
    short adj, adj_min;
    read_adj(node.pid, adj, adj_min);
    out.put_sdec("", adj);
    out.putc('\n');
    return out.status();
}

PROC_WRITE(proc_write_pid_oom_score_adj) {
    int v = TRY(parse_int(number_part(data)));
    if (v < kOomScoreAdjMin || v > kOomScoreAdjMax) return Error(EINVAL);
    short adj, adj_min;
    read_adj(node.pid, adj, adj_min);
    // linux: __set_oom_adj(): going below the floor needs CAP_SYS_RESOURCE, which also sets it.
    bool cap = viewer.has_cap(CAP_SYS_RESOURCE);
    if (v < adj_min && !cap) return Error(EACCES);
    if (cap) adj_min = static_cast<short>(v);
    return store_adj(node.pid, static_cast<short>(v), adj_min);
}

PROC_SHOW(proc_show_pid_oom_adj) {
    (void)viewer;
    short adj, adj_min;
    read_adj(node.pid, adj, adj_min);
    int legacy = adj == kOomScoreAdjMax ? kOomAdjustMax : adj * -kOomDisable / kOomScoreAdjMax;
    out.put_sdec("", legacy);
    out.putc('\n');
    return out.status();
}

PROC_WRITE(proc_write_pid_oom_adj) {
    int v = TRY(parse_int(number_part(data)));
    if (v < kOomDisable || v > kOomAdjustMax) return Error(EINVAL);
    int scaled = v == kOomAdjustMax ? kOomScoreAdjMax : v * kOomScoreAdjMax / -kOomDisable;
    short adj, adj_min;
    read_adj(node.pid, adj, adj_min);
    // linux: the legacy knob compares with the current value, not the floor.
    if (scaled < adj && !viewer.has_cap(CAP_SYS_RESOURCE)) return Error(EACCES);
    return store_adj(node.pid, static_cast<short>(scaled), adj_min);
}

PROC_SHOW(proc_show_pid_oom_score) {
    (void)viewer;
    TaskInfo t;
    if (task_snapshot(node.pid, 0, kTaskMm, t).is_error()) return Error(ESRCH);
    short adj, adj_min;
    read_adj(node.pid, adj, adj_min);
    // linux: proc_oom_score(): badness (rss, plus adj in thousandths of RAM) scaled to 0..2000,
    // shown as two thirds of it.
    i64 total = static_cast<i64>(pmm_total_pages());
    if (total <= 0) total = 1;
    MmStats mm;
    if (t.mm) proc_mm_stats(*t.mm, t.exe_path, mm);
    i64 badness = static_cast<i64>(mm.rss()) + static_cast<i64>(adj) * total / 1000;
    i64 points = 1000 + badness * 1000 / total;
    if (points < 0) points = 0;
    out.put_dec("", static_cast<u64>(points * 2 / 3));
    out.putc('\n');
    return out.status();
}
