// SPDX-License-Identifier: MIT
// /proc/sys: the sysctls programs commonly read (fs, kernel, vm), sorted by name as Linux lists
// them. Strings follow proc_dostring (a write replaces the value up to the first newline, at most
// the buffer size) and numbers proc_dointvec_minmax (one decimal integer, EINVAL when malformed
// or out of range). Knobs that Aramid does not act on yet keep what is written, so scripts that
// tune them work; the report lists which ones.
#include <atomic>

#include "abi/linux/uapi.h"
#include "core/log.h"
#include "core/process.h"
#include "core/random.h"
#include "core/system_info.h"
#include "fs/pipe/pipe.h"
#include "fs/procfs/proc_internal.h"
#include "fs/procfs/proc_show.h"
#include "fs/procfs/procfs.h"
#include "mm/reclaim.h"
#include "mm/pmm.h"

namespace {

constexpr u32 kRo = S_IFREG | 0444;
constexpr u32 kRw = S_IFREG | 0644;
constexpr u32 kDir = S_IFDIR | 0555;

struct IntKnob {
    std::atomic<i64> value;
    i64 min;
    i64 max;
};

constinit IntKnob g_pid_max{32768, 301, 4194304};
constinit IntKnob g_overflowuid{65534, 0, 65535};
constinit IntKnob g_overflowgid{65534, 0, 65535};
constinit IntKnob g_randomize_va_space{2, 0, 2};
constinit IntKnob g_tainted{0, 0, 0x7fffffff};
constinit IntKnob g_threads_max{0, 20, 0x3fffffff};   // 0: derived from RAM until written
constinit IntKnob g_file_max{0, 0, 0x7fffffffffffffff};
constinit IntKnob g_nr_open{1048576, 64, 0x7fffffff};
constinit IntKnob g_max_map_count{65530, 0, 0x7fffffff};
constinit IntKnob g_mmap_min_addr{65536, 0, 0x7fffffffffffffff};
constinit IntKnob g_overcommit_memory{0, 0, 2};
constinit IntKnob g_overcommit_ratio{50, 0, 0x7fffffff};
constinit IntKnob g_swappiness{60, 0, 200};
constinit IntKnob g_dirty_expire_centisecs{3000, 0, 0x7fffffff};
constinit IntKnob g_dirty_writeback_centisecs{500, 0, 0x7fffffff};
constinit IntKnob g_inotify_max_queued_events{16384, 0, 0x7fffffff};
constinit IntKnob g_inotify_max_user_instances{128, 0, 0x7fffffff};
constinit IntKnob g_inotify_max_user_watches{8192, 0, 0x7fffffff};
// linux: proc_dointvec, any int (a negative one makes a huge u32 backlog).
constinit IntKnob g_unix_max_dgram_qlen{10, -0x80000000ll, 0x7fffffff};

// kernel.core_pattern (linux: CORENAME_MAX_SIZE bytes with the NUL, default "core").
// LINUX-DIVERGENCE: Aramid writes no core files, so the pattern is only kept for readers (systemd
// sets "|/bin/false" to turn core dumps off, which is what happens anyway).
char g_core_pattern[128] = "core";

char g_boot_id[37];

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' || !c; }

// proc_get_long() for one value: optional '-', decimal digits, surrounding whitespace.
Result<i64> parse_long(StringView data) {
    usize b = 0, e = data.length();
    while (b < e && is_space(data[b])) b++;
    while (e > b && is_space(data[e - 1])) e--;
    StringView s = data.substr(b, e - b);
    bool neg = !s.empty() && s[0] == '-';
    if (neg) s = s.substr(1);
    if (s.empty()) return Error(EINVAL);
    u64 v = 0;
    for (usize i = 0; i < s.length(); i++) {
        if (s[i] < '0' || s[i] > '9') return Error(EINVAL);
        u64 d = u64(s[i] - '0');
        if (v > (0x7fffffffffffffffull - d) / 10) return Error(EINVAL);
        v = v * 10 + d;
    }
    return neg ? -static_cast<i64>(v) : static_cast<i64>(v);
}

i64 default_threads_max() { return static_cast<i64>(pmm_total_pages() / 32); }   // linux: RAM / (8 * THREAD_SIZE)
i64 default_file_max() { return max<i64>(static_cast<i64>(pmm_total_pages() * 4 / 10), 8192); }

i64 knob_value(IntKnob& k) {
    i64 v = k.value.load(std::memory_order_relaxed);
    if (v == 0 && &k == &g_threads_max) return default_threads_max();
    if (v == 0 && &k == &g_file_max) return default_file_max();
    return v;
}

template <IntKnob& K>
PROC_SHOW(show_int) {
    (void)node;
    (void)viewer;
    out.put_sdec("", knob_value(K));
    out.putc('\n');
    return out.status();
}

template <IntKnob& K>
PROC_WRITE(write_int) {
    (void)node;
    (void)viewer;
    i64 v = TRY(parse_long(data));
    if (v < K.min || v > K.max) return Error(EINVAL);
    K.value.store(v, std::memory_order_relaxed);
    return {};
}

template <i64 V>
PROC_SHOW(show_const) {
    (void)node;
    (void)viewer;
    out.put_sdec("", V);
    out.putc('\n');
    return out.status();
}

Result<void> show_string(SeqBuf& out, const char* s) {
    out.append(s);
    out.putc('\n');
    return out.status();
}

// proc_dostring(): the value up to the first newline or NUL, truncated to the buffer.
void store_string(char* dst, usize size, StringView data) {
    usize n = 0;
    while (n < data.length() && n + 1 < size && data[n] != '\n' && data[n] != '\0') n++;
    __builtin_memcpy(dst, data.data(), n);
    dst[n] = '\0';
}

PROC_SHOW(show_hostname) { return show_string(out, system_names().hostname); }
PROC_SHOW(show_domainname) { return show_string(out, system_names().domainname); }
PROC_WRITE(write_hostname) {
    (void)node;
    (void)viewer;
    store_string(system_names().hostname, sizeof(system_names().hostname), data);
    return {};
}
PROC_WRITE(write_domainname) {
    (void)node;
    (void)viewer;
    store_string(system_names().domainname, sizeof(system_names().domainname), data);
    return {};
}
PROC_SHOW(show_core_pattern) { return show_string(out, g_core_pattern); }
PROC_WRITE(write_core_pattern) {
    (void)node;
    (void)viewer;
    store_string(g_core_pattern, sizeof(g_core_pattern), data);
    return {};
}
PROC_SHOW(show_osrelease) { return show_string(out, kUnameRelease); }
PROC_SHOW(show_ostype) { return show_string(out, kUnameSysname); }
PROC_SHOW(show_version) { return show_string(out, kUnameVersion); }

PROC_SHOW(show_printk) {
    out.appendf("%d\t%d\t%d\t%d\n", log_console_level(), 4, 1, 7);
    return out.status();
}

PROC_WRITE(write_printk) {
    // The first of the four numbers is the console level; the others are fixed here.
    usize end = 0;
    while (end < data.length() && (data[end] == ' ' || data[end] == '\t')) end++;
    while (end < data.length() && !is_space(data[end])) end++;
    i64 level = TRY(parse_long(data.substr(0, end)));
    if (level < 0 || level > 15) return Error(EINVAL);
    log_set_console_level(static_cast<int>(level));
    return {};
}

// A version 4 UUID in Linux's text form (linux: drivers/char/random.c proc_do_uuid()).
void format_uuid(char* out) {
    u8 b[16];
    random_bytes(b, sizeof(b));
    b[6] = static_cast<u8>((b[6] & 0x0f) | 0x40);
    b[8] = static_cast<u8>((b[8] & 0x3f) | 0x80);
    static constexpr char kHex[] = "0123456789abcdef";
    usize o = 0;
    for (int i = 0; i < 16; i++) {
        if (i == 4 || i == 6 || i == 8 || i == 10) out[o++] = '-';
        out[o++] = kHex[b[i] >> 4];
        out[o++] = kHex[b[i] & 15];
    }
    out[o] = '\0';
}

PROC_SHOW(show_boot_id) { return show_string(out, g_boot_id); }
PROC_SHOW(show_uuid) {
    char u[37];
    format_uuid(u);
    return show_string(out, u);
}

PROC_SHOW(show_file_nr) {
    out.appendf("0\t0\t%lld\n", static_cast<long long>(knob_value(g_file_max)));
    return out.status();
}

PROC_SHOW(show_pipe_max_size) {
    out.put_dec("", pipe_max_size());
    out.putc('\n');
    return out.status();
}

PROC_WRITE(write_pipe_max_size) {
    i64 v = TRY(parse_long(data));
    if (v < 0) return Error(EINVAL);
    return pipe_set_max_size(static_cast<u64>(v));
}

// vm.drop_caches (write-only, even for root): 1 the clean page cache, 2 the reclaimable kernel
// objects (nothing here keeps any beyond what 1 frees: the dentry cache goes with its inodes'
// last references), 3 both; 4 only silences the log line.
PROC_WRITE(write_drop_caches) {
    (void)node;
    i64 v = TRY(parse_long(data));
    if (v < 1 || v > 4) return Error(EINVAL);
    if (v & 3) reclaim_pages(~usize(0) >> 1);
    if (!(v & 4))
        log_info("%s (%d): drop_caches: %lld", current_process()->comm, current_process()->pid, static_cast<long long>(v));
    return {};
}

#define INT_RW(name, knob) {name, kRw, ProcKind::File, show_int<knob>, write_int<knob>, nullptr, 0, kProcSysctl}
#define CONST_RO(name, v) {name, kRo, ProcKind::File, show_const<v>, nullptr, nullptr, 0, kProcSysctl}
#define TABLE(t) t, sizeof(t) / sizeof(t[0])

constinit const ProcEntry kRandom[] = {
    {"boot_id", kRo, ProcKind::File, show_boot_id, nullptr, nullptr, 0, kProcSysctl},
    CONST_RO("entropy_avail", 256),
    CONST_RO("poolsize", 256),
    {"uuid", kRo, ProcKind::File, show_uuid, nullptr, nullptr, 0, kProcSysctl},
};

constinit const ProcEntry kKernel[] = {
    CONST_RO("cap_last_cap", 40),
    {"core_pattern", kRw, ProcKind::File, show_core_pattern, write_core_pattern, nullptr, 0, kProcSysctl},
    {"domainname", kRw, ProcKind::File, show_domainname, write_domainname, nullptr, 0, kProcSysctl},
    {"hostname", kRw, ProcKind::File, show_hostname, write_hostname, nullptr, 0, kProcSysctl},
    {"msgmax", kRo, ProcKind::File, proc_show_msgmax, nullptr, nullptr, 0, kProcSysctl},
    {"msgmnb", kRo, ProcKind::File, proc_show_msgmnb, nullptr, nullptr, 0, kProcSysctl},
    {"msgmni", kRo, ProcKind::File, proc_show_msgmni, nullptr, nullptr, 0, kProcSysctl},
    CONST_RO("ngroups_max", 65536),
    {"osrelease", kRo, ProcKind::File, show_osrelease, nullptr, nullptr, 0, kProcSysctl},
    {"ostype", kRo, ProcKind::File, show_ostype, nullptr, nullptr, 0, kProcSysctl},
    INT_RW("overflowgid", g_overflowgid),
    INT_RW("overflowuid", g_overflowuid),
    INT_RW("pid_max", g_pid_max),
    {"printk", kRw, ProcKind::File, show_printk, write_printk, nullptr, 0, kProcSysctl},
    {"random", kDir, ProcKind::Dir, nullptr, nullptr, TABLE(kRandom)},
    INT_RW("randomize_va_space", g_randomize_va_space),
    {"sem", kRo, ProcKind::File, proc_show_sem_limits, nullptr, nullptr, 0, kProcSysctl},
    {"shmall", kRw, ProcKind::File, proc_show_shmall, proc_write_shmall, nullptr, 0, kProcSysctl},
    {"shmmax", kRw, ProcKind::File, proc_show_shmmax, proc_write_shmmax, nullptr, 0, kProcSysctl},
    {"shmmni", kRw, ProcKind::File, proc_show_shmmni, proc_write_shmmni, nullptr, 0, kProcSysctl},
    INT_RW("tainted", g_tainted),
    INT_RW("threads-max", g_threads_max),
    {"version", kRo, ProcKind::File, show_version, nullptr, nullptr, 0, kProcSysctl},
};

constinit const ProcEntry kInotify[] = {
    INT_RW("max_queued_events", g_inotify_max_queued_events),
    INT_RW("max_user_instances", g_inotify_max_user_instances),
    INT_RW("max_user_watches", g_inotify_max_user_watches),
};

constinit const ProcEntry kFs[] = {
    {"aio-max-nr", kRw, ProcKind::File, proc_show_aio_max_nr, proc_write_aio_max_nr, nullptr, 0, kProcSysctl},
    {"aio-nr", kRo, ProcKind::File, proc_show_aio_nr, nullptr, nullptr, 0, kProcSysctl},
    INT_RW("file-max", g_file_max),
    {"file-nr", kRo, ProcKind::File, show_file_nr, nullptr, nullptr, 0, kProcSysctl},
    {"inotify", kDir, ProcKind::Dir, nullptr, nullptr, TABLE(kInotify)},
    {"mqueue", kDir, ProcKind::Dir, nullptr, nullptr, kProcMqueueEntries, kProcMqueueCount},
    INT_RW("nr_open", g_nr_open),
    INT_RW("overflowgid", g_overflowgid),
    INT_RW("overflowuid", g_overflowuid),
    {"pipe-max-size", kRw, ProcKind::File, show_pipe_max_size, write_pipe_max_size, nullptr, 0, kProcSysctl},
};

constinit const ProcEntry kNetUnix[] = {
    INT_RW("max_dgram_qlen", g_unix_max_dgram_qlen),
};

constinit const ProcEntry kNet[] = {
    {"unix", kDir, ProcKind::Dir, nullptr, nullptr, TABLE(kNetUnix)},
};

constinit const ProcEntry kVm[] = {
    INT_RW("dirty_expire_centisecs", g_dirty_expire_centisecs),
    INT_RW("dirty_writeback_centisecs", g_dirty_writeback_centisecs),
    {"drop_caches", S_IFREG | 0200, ProcKind::File, nullptr, write_drop_caches, nullptr, 0, kProcSysctl},
    INT_RW("max_map_count", g_max_map_count),
    INT_RW("mmap_min_addr", g_mmap_min_addr),
    INT_RW("overcommit_memory", g_overcommit_memory),
    INT_RW("overcommit_ratio", g_overcommit_ratio),
    INT_RW("swappiness", g_swappiness),
};

}  // namespace

constinit const ProcEntry kProcSysEntries[kProcSysEntryCount] = {
    {"fs", kDir, ProcKind::Dir, nullptr, nullptr, TABLE(kFs)},
    {"kernel", kDir, ProcKind::Dir, nullptr, nullptr, TABLE(kKernel)},
    {"net", kDir, ProcKind::Dir, nullptr, nullptr, TABLE(kNet)},
    {"vm", kDir, ProcKind::Dir, nullptr, nullptr, TABLE(kVm)},
};

Result<i64> proc_parse_long(StringView data) { return parse_long(data); }

void proc_sys_init() {
    if (!g_boot_id[0]) format_uuid(g_boot_id);
}

i64 sysctl_randomize_va_space() { return knob_value(g_randomize_va_space); }
i64 sysctl_dirty_expire_centisecs() { return knob_value(g_dirty_expire_centisecs); }
i64 sysctl_dirty_writeback_centisecs() { return knob_value(g_dirty_writeback_centisecs); }
i64 sysctl_inotify_max_queued_events() { return knob_value(g_inotify_max_queued_events); }
i64 sysctl_inotify_max_user_instances() { return knob_value(g_inotify_max_user_instances); }
i64 sysctl_inotify_max_user_watches() { return knob_value(g_inotify_max_user_watches); }
i64 sysctl_unix_max_dgram_qlen() { return knob_value(g_unix_max_dgram_qlen); }
