// SPDX-License-Identifier: MIT
// Per-process text files: stat, status, limits, comm, personality, wchan and the OOM knobs, in
// the formats of Linux 6.1 (fs/proc/array.c, fs/proc/base.c, fs/proc/task_mmu.c). Fields Aramid
// does not track print what Linux prints for a task without them (0).
#include "abi/linux/uapi.h"
#include "core/init.h"
#include "core/percpu.h"
#include "core/process_table.h"
#include "fs/procfs/proc_internal.h"
#include "fs/procfs/proc_show.h"
#include "fs/procfs/proc_task.h"

namespace {

constexpr u64 kNsPerTick = 10'000'000;   // USER_HZ = 100
constexpr u64 kRlimInfinity = ~0ull;
constexpr unsigned kMaxNumNodes = 1024;   // Debian's CONFIG_NODES_SHIFT=10

u64 ticks(u64 ns) { return ns / kNsPerTick; }

const char* state_name(char s) {
    switch (s) {
    case 'R': return "R (running)";
    case 'S': return "S (sleeping)";
    case 'D': return "D (disk sleep)";
    case 'T': return "T (stopped)";
    case 't': return "t (tracing stop)";
    case 'X': return "X (dead)";
    case 'Z': return "Z (zombie)";
    default: return "R (running)";
    }
}

Result<void> snapshot(const ProcNode& node, unsigned want, TaskInfo& t) {
    auto r = task_snapshot(node.pid, node.tid, want, t);
    if (r.is_error()) return Error(ESRCH);
    return {};
}

// Linux's %*pb: hex in 32-bit groups separated by commas, the first group as wide as needed.
void put_bitmap(SeqBuf& out, unsigned nbits, unsigned set_bits) {
    unsigned chunk = nbits % 32 ? nbits % 32 : 32;
    bool first = true;
    for (int base = static_cast<int>(align_up(nbits, 32)) - 32; base >= 0; base -= 32) {
        u32 val = 0;
        for (unsigned b = 0; b < chunk; b++)
            if (static_cast<unsigned>(base) + b < set_bits) val |= 1u << b;
        if (!first) out.putc(',');
        first = false;
        out.put_hex("", val, static_cast<int>((chunk + 3) / 4));
        chunk = 32;
    }
}

// Linux's %*pbl for the first n bits set: "0", "0-3".
void put_range_list(SeqBuf& out, unsigned n) {
    if (n <= 1) out.append("0");
    else out.appendf("0-%u", n - 1);
}

void put_sigset(SeqBuf& out, const char* header, SigSet s) {
    out.append(header);
    out.put_hex("", s, 16);
    out.putc('\n');
}

unsigned fd_size(const TaskInfo& t) {
    if (!t.fds) return 0;
    // linux: the table starts at 64 slots (BITS_PER_LONG) and doubles.
    int hi = t.fds->highest_fd();
    unsigned need = hi < 0 ? 1 : static_cast<unsigned>(hi) + 1;
    unsigned n = 64;
    while (n < need) n *= 2;
    return n;
}

}  // namespace

PROC_SHOW(proc_show_pid_stat) {
    TaskInfo t;
    TRY(snapshot(node, kTaskMm, t));
    bool permitted = may_inspect(viewer, t.pid, t.creds);
    MmStats mm;
    if (t.mm) proc_mm_stats(*t.mm, t.exe_path, mm);
    u64 flags = 0x00400000;                  // PF_RANDOMIZE
    if (!t.did_exec) flags |= 0x00000040;    // PF_FORKNOEXEC
    if (t.exiting) flags |= 0x00000004;      // PF_EXITING
    // linux: fs/proc/array.c do_task_stat(), field by field.
    out.put_dec("", static_cast<u64>(node.tid ? t.tid : t.pid));
    out.append(" (");
    out.append(t.comm);
    out.append(") ");
    out.putc(t.state);
    out.put_sdec(" ", t.ppid);
    out.put_sdec(" ", t.pgid);
    out.put_sdec(" ", t.sid);
    out.put_sdec(" ", t.tty_nr);
    out.put_sdec(" ", t.tpgid);
    out.put_dec(" ", flags);
    out.put_dec(" ", t.minflt);
    out.put_dec(" ", 0);   // cminflt
    out.put_dec(" ", t.majflt);
    out.put_dec(" ", 0);   // cmajflt
    out.put_dec(" ", ticks(t.utime_ns));
    out.put_dec(" ", ticks(t.stime_ns));
    out.put_sdec(" ", static_cast<i64>(ticks(t.cutime_ns)));
    out.put_sdec(" ", static_cast<i64>(ticks(t.cstime_ns)));
    out.put_sdec(" ", 20);   // priority (prio - MAX_RT_PRIO for nice 0)
    out.put_sdec(" ", 0);    // nice
    out.put_sdec(" ", t.threads);
    out.put_dec(" ", 0);     // itrealvalue
    out.put_dec(" ", ticks(t.start_time_ns));
    out.put_dec(" ", mm.total_vm * kPageSize);
    out.put_dec(" ", mm.rss());
    out.put_dec(" ", t.rlimits[RLIMIT_RSS].cur);
    out.put_dec(" ", t.mm ? (permitted ? mm.start_code : 1) : 0);
    out.put_dec(" ", t.mm ? (permitted ? mm.end_code : 1) : 0);
    out.put_dec(" ", permitted && t.mm ? mm.start_stack : 0);
    out.put_dec(" ", 0);   // kstkesp (only while dumping core)
    out.put_dec(" ", 0);   // kstkeip
    // The obsolete signal fields: the first 31 signals only.
    out.put_dec(" ", (t.pending | t.shared_pending) & 0x7fffffff);
    out.put_dec(" ", t.blocked & 0x7fffffff);
    out.put_dec(" ", t.ignored & 0x7fffffff);
    out.put_dec(" ", t.caught & 0x7fffffff);
    out.append(t.state == 'R' || t.state == 'Z' ? " 0" : " 1");   // wchan: sleeping or not
    out.put_dec(" ", 0);   // nswap
    out.put_dec(" ", 0);   // cnswap
    out.put_sdec(" ", t.exit_signal);
    out.put_sdec(" ", 0);  // processor
    out.put_dec(" ", 0);   // rt_priority
    out.put_dec(" ", 0);   // policy (SCHED_OTHER)
    out.put_dec(" ", 0);   // delayacct_blkio_ticks
    out.put_dec(" ", 0);   // guest_time
    out.put_sdec(" ", 0);  // cguest_time
    if (t.mm && permitted) {
        out.put_dec(" ", mm.start_data);
        out.put_dec(" ", mm.end_data);
        out.put_dec(" ", mm.start_brk);
        out.put_dec(" ", t.arg_start);
        out.put_dec(" ", t.arg_end);
        out.put_dec(" ", t.env_start);
        out.put_dec(" ", t.env_end);
    } else {
        out.append(" 0 0 0 0 0 0 0");
    }
    out.put_sdec(" ", permitted ? t.exit_code : 0);
    out.putc('\n');
    return out.status();
}

PROC_SHOW(proc_show_pid_status) {
    (void)viewer;
    TaskInfo t;
    TRY(snapshot(node, kTaskMm | kTaskFds, t));
    // linux: fs/proc/array.c proc_pid_status(); the name escapes only newline and backslash.
    out.append("Name:\t");
    for (const char* c = t.comm; *c; c++) {
        if (*c == '\n') out.append("\\n");
        else if (*c == '\\') out.append("\\\\");
        else out.putc(*c);
    }
    out.putc('\n');
    if (t.has_fs) out.appendf("Umask:\t%04o\n", t.umask & 0777);
    out.append("State:\t");
    out.append(state_name(t.state));
    out.put_dec("\nTgid:\t", static_cast<u64>(t.pid));
    out.put_dec("\nNgid:\t", 0);
    out.put_dec("\nPid:\t", static_cast<u64>(node.tid ? t.tid : t.pid));
    out.put_dec("\nPPid:\t", static_cast<u64>(t.ppid));
    out.put_dec("\nTracerPid:\t", static_cast<u64>(t.tracer_pid));
    const Credentials& c = t.creds;
    out.put_dec("\nUid:\t", c.uid);
    out.put_dec("\t", c.euid);
    out.put_dec("\t", c.suid);
    out.put_dec("\t", c.fsuid);
    out.put_dec("\nGid:\t", c.gid);
    out.put_dec("\t", c.egid);
    out.put_dec("\t", c.sgid);
    out.put_dec("\t", c.fsgid);
    out.put_dec("\nFDSize:\t", fd_size(t));
    out.append("\nGroups:\t");
    for (usize i = 0; i < c.group_count; i++) out.put_dec(i ? " " : "", c.groups[i]);
    out.putc(' ');   // linux: "Trailing space shouldn't have been added in the first place."
    out.put_dec("\nNStgid:\t", static_cast<u64>(t.pid));
    out.put_dec("\nNSpid:\t", static_cast<u64>(node.tid ? t.tid : t.pid));
    out.put_dec("\nNSpgid:\t", static_cast<u64>(t.pgid));
    out.put_dec("\nNSsid:\t", static_cast<u64>(t.sid));
    out.putc('\n');
    if (t.mm) {
        MmStats mm;
        proc_mm_stats(*t.mm, t.exe_path, mm);
        u64 text = mm.end_code > mm.start_code
                       ? align_up(mm.end_code, kPageSize) - align_down(mm.start_code, kPageSize)
                       : 0;
        u64 lib = mm.exec_vm * kPageSize > text ? mm.exec_vm * kPageSize - text : 0;
        // linux: task_mem(): no high-water marks are kept, so the peaks are the current values.
        auto kb = [&](const char* label, u64 pages) { out.put_dec(label, pages * (kPageSize / 1024), 8); };
        kb("VmPeak:\t", mm.total_vm);
        kb(" kB\nVmSize:\t", mm.total_vm);
        kb(" kB\nVmLck:\t", mm.locked_vm);
        kb(" kB\nVmPin:\t", 0);
        kb(" kB\nVmHWM:\t", mm.rss());
        kb(" kB\nVmRSS:\t", mm.rss());
        kb(" kB\nRssAnon:\t", mm.rss_anon);
        kb(" kB\nRssFile:\t", mm.rss_file);
        kb(" kB\nRssShmem:\t", mm.rss_shmem);
        kb(" kB\nVmData:\t", mm.data_vm);
        kb(" kB\nVmStk:\t", mm.stack_vm);
        out.put_dec(" kB\nVmExe:\t", text >> 10, 8);
        out.put_dec(" kB\nVmLib:\t", lib >> 10, 8);
        out.put_dec(" kB\nVmPTE:\t", 0, 8);
        kb(" kB\nVmSwap:\t", 0);
        out.append(" kB\n");
        out.put_dec("HugetlbPages:\t", 0, 8);
        out.append(" kB\n");
        out.append("CoreDumping:\t0\n");
        out.append("THP_enabled:\t1\n");
    }
    out.put_dec("Threads:\t", t.threads);
    out.put_dec("\nSigQ:\t", t.queued_signals);
    out.put_dec("/", t.rlimits[RLIMIT_SIGPENDING].cur);
    put_sigset(out, "\nSigPnd:\t", t.pending);
    put_sigset(out, "ShdPnd:\t", t.shared_pending);
    put_sigset(out, "SigBlk:\t", t.blocked);
    put_sigset(out, "SigIgn:\t", t.ignored);
    put_sigset(out, "SigCgt:\t", t.caught);
    put_sigset(out, "CapInh:\t", c.cap_inheritable);
    put_sigset(out, "CapPrm:\t", c.cap_permitted);
    put_sigset(out, "CapEff:\t", c.cap_effective);
    put_sigset(out, "CapBnd:\t", c.cap_bounding);
    put_sigset(out, "CapAmb:\t", c.cap_ambient);
    out.put_dec("NoNewPrivs:\t", t.no_new_privs ? 1 : 0);
    out.put_dec("\nSeccomp:\t", t.seccomp_mode);
    out.put_dec("\nSeccomp_filters:\t", t.seccomp_filters);
    out.putc('\n');
    out.append("Speculation_Store_Bypass:\t");
    out.append(proc_cpu_ssb_not_affected() ? "not vulnerable\n" : "vulnerable\n");
    out.append("SpeculationIndirectBranch:\talways enabled\n");
    unsigned possible = max(arch_cpus_found(), cpu_count());
    out.append("Cpus_allowed:\t");
    put_bitmap(out, possible, cpu_count());
    out.append("\nCpus_allowed_list:\t");
    put_range_list(out, cpu_count());
    out.append("\nMems_allowed:\t");
    put_bitmap(out, kMaxNumNodes, 1);
    out.append("\nMems_allowed_list:\t0\n");
    out.append("voluntary_ctxt_switches:\t0\nnonvoluntary_ctxt_switches:\t0\n");
    return out.status();
}

PROC_SHOW(proc_show_pid_limits) {
    (void)viewer;
    TaskInfo t;
    TRY(snapshot(node, 0, t));
    // linux: fs/proc/base.c lnames[], in RLIMIT_* order.
    static constexpr struct {
        const char* name;
        const char* unit;
    } kNames[kRlimitCount] = {
        {"Max cpu time", "seconds"},       {"Max file size", "bytes"},      {"Max data size", "bytes"},
        {"Max stack size", "bytes"},       {"Max core file size", "bytes"}, {"Max resident set", "bytes"},
        {"Max processes", "processes"},    {"Max open files", "files"},     {"Max locked memory", "bytes"},
        {"Max address space", "bytes"},    {"Max file locks", "locks"},     {"Max pending signals", "signals"},
        {"Max msgqueue size", "bytes"},    {"Max nice priority", nullptr},  {"Max realtime priority", nullptr},
        {"Max realtime timeout", "us"},
    };
    out.appendf("%-25s %-20s %-20s %-10s\n", "Limit", "Soft Limit", "Hard Limit", "Units");
    for (int i = 0; i < kRlimitCount; i++) {
        const RLimit& r = t.rlimits[i];
        if (r.cur == kRlimInfinity) out.appendf("%-25s %-20s ", kNames[i].name, "unlimited");
        else out.appendf("%-25s %-20llu ", kNames[i].name, static_cast<unsigned long long>(r.cur));
        if (r.max == kRlimInfinity) out.appendf("%-20s ", "unlimited");
        else out.appendf("%-20llu ", static_cast<unsigned long long>(r.max));
        if (kNames[i].unit) out.appendf("%-10s\n", kNames[i].unit);
        else out.putc('\n');
    }
    return out.status();
}

PROC_SHOW(proc_show_pid_comm) {
    (void)viewer;
    TaskInfo t;
    TRY(snapshot(node, 0, t));
    out.append(t.comm);
    out.putc('\n');
    return out.status();
}

PROC_WRITE(proc_write_pid_comm) {
    (void)viewer;
    // linux: comm_write(): only within the writer's own thread group; the bytes are taken as
    // they are (a trailing newline included), up to 15.
    Process* self = current_process();
    if (!self || self->pid != node.pid) return Error(EINVAL);
    char name[16] = {};
    usize n = min(data.length(), sizeof(name) - 1);
    for (usize i = 0; i < n && data[i]; i++) name[i] = data[i];
    SpinlockGuard g(g_process_tree_lock);
    Process* p = process_find_locked(node.pid);
    if (!p) return Error(ESRCH);
    __builtin_memcpy(p->comm, name, sizeof(name));
    return {};
}

PROC_SHOW(proc_show_pid_personality) {
    (void)viewer;
    TaskInfo t;
    TRY(snapshot(node, 0, t));
    out.append("00000000\n");   // PER_LINUX: no other personality is supported
    return out.status();
}

PROC_SHOW(proc_show_pid_wchan) {
    (void)viewer;
    TaskInfo t;
    TRY(snapshot(node, 0, t));
    out.append("0");   // linux prints the symbol only with kallsyms access; "0" otherwise
    return out.status();
}
