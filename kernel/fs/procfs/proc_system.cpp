// SPDX-License-Identifier: MIT
// System-wide /proc files: meminfo, uptime, loadavg, stat, version, filesystems, cmdline, swaps,
// in Linux 6.1's formats (fs/proc/meminfo.c, uptime.c, loadavg.c, stat.c, version.c,
// fs/filesystems.c, mm/swapfile.c). Counters Aramid does not keep print 0.
#include "core/cmdline.h"
#include "core/init.h"
#include "core/percpu.h"
#include "core/process_table.h"
#include "core/system_info.h"
#include "core/thread.h"
#include "core/time.h"
#include "fs/procfs/proc_internal.h"
#include "fs/procfs/proc_show.h"
#include "fs/procfs/proc_task.h"
#include "fs/vfs/vfs.h"
#include "mm/kheap.h"
#include "mm/kstack.h"
#include "mm/page_cache.h"
#include "mm/pmm.h"

namespace {

constexpr u64 kNsPerSec = 1'000'000'000;
constexpr u64 kNsPerTick = 10'000'000;   // USER_HZ = 100

void kb_line(SeqBuf& out, const char* label, u64 kb) {
    // linux: show_val_kb(): the label padded to 16 columns, the value to 8.
    out.appendf("%-16s%8llu kB\n", label, static_cast<unsigned long long>(kb));
}

// Time the CPU's idle thread has run, in nanoseconds (0 before the CPU is up).
u64 idle_ns(unsigned cpu) {
    PerCpu* c = cpu_by_index(cpu);
    if (!c || !c->idle) return 0;
    Thread* idle = c->idle;
    u64 ns = idle->cpu_time_ns;
    if (c->current == idle) {
        u64 now = monotonic_ns();
        if (now > idle->last_switch_in_ns) ns += now - idle->last_switch_in_ns;
    }
    return ns;
}

struct RunStats {
    unsigned running = 0;
    int last_pid = 0;
};

RunStats run_stats() {
    RunStats s;
    SpinlockGuard g(g_process_tree_lock);
    for_each_process_locked([&](Process& p) {
        if (p.pid > s.last_pid) s.last_pid = p.pid;
        for (Thread& t : p.threads)
            if (t.state() == ThreadState::Running || t.state() == ThreadState::Runnable) s.running++;
    });
    return s;
}

}  // namespace

// linux: mm/vmstat.c vmstat_start(): one "name value" line per counter, in Linux 6.1's order
// (the subset procps' vmstat and free read; counters Aramid does not keep are 0).
PROC_SHOW(proc_show_vmstat) {
    (void)node;
    (void)viewer;
    u64 slab = kheap_stats().pages;
    u64 stack_kb = kstack_live_count() * (KernelStack::kSize / 1024);
    PageCacheStats pc = page_cache_stats();
    struct Counter {
        const char* name;
        u64 value;
    };
    const Counter counters[] = {
        {"nr_free_pages", pmm_free_pages()}, {"nr_zone_inactive_anon", 0}, {"nr_zone_active_anon", 0},
        {"nr_zone_inactive_file", 0}, {"nr_zone_active_file", 0}, {"nr_zone_unevictable", 0},
        {"nr_zone_write_pending", 0}, {"nr_mlock", 0}, {"nr_bounce", 0}, {"nr_zspages", 0},
        {"nr_free_cma", 0}, {"numa_hit", 0}, {"numa_miss", 0}, {"numa_foreign", 0},
        {"numa_interleave", 0}, {"numa_local", 0}, {"numa_other", 0}, {"nr_inactive_anon", 0},
        {"nr_active_anon", 0}, {"nr_inactive_file", 0}, {"nr_active_file", 0}, {"nr_unevictable", 0},
        {"nr_slab_reclaimable", 0}, {"nr_slab_unreclaimable", slab}, {"nr_isolated_anon", 0},
        {"nr_isolated_file", 0}, {"workingset_nodes", 0}, {"nr_anon_pages", 0}, {"nr_mapped", 0},
        {"nr_file_pages", pc.cached}, {"nr_dirty", 0}, {"nr_writeback", 0}, {"nr_writeback_temp", 0},
        {"nr_shmem", pc.shmem}, {"nr_anon_transparent_hugepages", 0}, {"nr_kernel_stack", stack_kb},
        {"nr_page_table_pages", 0}, {"nr_dirty_threshold", 0}, {"nr_dirty_background_threshold", 0},
        {"pgpgin", 0}, {"pgpgout", 0}, {"pswpin", 0}, {"pswpout", 0}, {"pgalloc_dma", 0},
        {"pgalloc_dma32", 0}, {"pgalloc_normal", 0}, {"pgfree", 0}, {"pgactivate", 0},
        {"pgdeactivate", 0}, {"pgfault", 0}, {"pgmajfault", 0}, {"pgsteal_kswapd", 0},
        {"pgsteal_direct", pc.shed}, {"pgscan_kswapd", 0}, {"pgscan_direct", 0}, {"oom_kill", 0},
        {"unevictable_pgs_culled", 0}, {"thp_fault_alloc", 0}, {"swap_ra", 0}, {"swap_ra_hit", 0},
    };
    for (const Counter& c : counters) out.appendf("%s %llu\n", c.name, static_cast<unsigned long long>(c.value));
    return out.status();
}

PROC_SHOW(proc_show_meminfo) {
    (void)node;
    (void)viewer;
    u64 page_kb = kPageSize / 1024;
    u64 total = pmm_total_pages() * page_kb;
    u64 free = pmm_free_pages() * page_kb;
    u64 slab = kheap_stats().pages * page_kb;
    u64 stacks = kstack_live_count() * (KernelStack::kSize / 1024);
    u64 direct_2m = align_up(pmm_max_phys(), 2ull << 20) / 1024;
    PageCacheStats pc = page_cache_stats();
    kb_line(out, "MemTotal:", total);
    kb_line(out, "MemFree:", free);
    // Disk files' cached pages can be given back (mm/reclaim.h); memory file systems' cannot.
    kb_line(out, "MemAvailable:", free + (pc.cached - pc.shmem) * page_kb);
    kb_line(out, "Buffers:", 0);
    kb_line(out, "Cached:", pc.cached * page_kb);
    static constexpr const char* kZeroes1[] = {
        "SwapCached:", "Active:", "Inactive:", "Active(anon):", "Inactive(anon):",
        "Active(file):", "Inactive(file):", "Unevictable:", "Mlocked:", "SwapTotal:", "SwapFree:", "Dirty:",
        "Writeback:", "AnonPages:", "Mapped:"};
    for (const char* k : kZeroes1) kb_line(out, k, 0);
    kb_line(out, "Shmem:", pc.shmem * page_kb);
    kb_line(out, "KReclaimable:", 0);
    kb_line(out, "Slab:", slab);
    kb_line(out, "SReclaimable:", 0);
    kb_line(out, "SUnreclaim:", slab);
    kb_line(out, "KernelStack:", stacks);
    static constexpr const char* kZeroes2[] = {"PageTables:", "SecPageTables:", "NFS_Unstable:", "Bounce:",
                                               "WritebackTmp:"};
    for (const char* k : kZeroes2) kb_line(out, k, 0);
    kb_line(out, "CommitLimit:", total / 2);   // overcommit_ratio 50, no swap
    kb_line(out, "Committed_AS:", 0);
    kb_line(out, "VmallocTotal:", 34359738367ull);   // 4-level paging: 32 TiB
    kb_line(out, "VmallocUsed:", 0);
    kb_line(out, "VmallocChunk:", 0);
    kb_line(out, "Percpu:", align_up(sizeof(PerCpu) * cpu_count(), 1024) / 1024);
    static constexpr const char* kZeroes3[] = {"AnonHugePages:", "ShmemHugePages:", "ShmemPmdMapped:",
                                               "FileHugePages:", "FilePmdMapped:"};
    for (const char* k : kZeroes3) kb_line(out, k, 0);
    // linux: hugetlb_report_meminfo().
    out.append("HugePages_Total:       0\nHugePages_Free:        0\nHugePages_Rsvd:        0\n"
               "HugePages_Surp:        0\n");
    kb_line(out, "Hugepagesize:", 2048);
    kb_line(out, "Hugetlb:", 0);
    // linux: arch_report_meminfo(): RAM is direct-mapped with 2 MiB pages.
    kb_line(out, "DirectMap4k:", 0);
    kb_line(out, "DirectMap2M:", direct_2m);
    kb_line(out, "DirectMap1G:", 0);
    return out.status();
}

PROC_SHOW(proc_show_uptime) {
    (void)node;
    (void)viewer;
    u64 up = monotonic_ns();
    u64 idle = 0;
    for (unsigned i = 0; i < cpu_count(); i++) idle += idle_ns(i);
    out.appendf("%llu.%02llu %llu.%02llu\n", static_cast<unsigned long long>(up / kNsPerSec),
                static_cast<unsigned long long>(up % kNsPerSec / kNsPerTick),
                static_cast<unsigned long long>(idle / kNsPerSec),
                static_cast<unsigned long long>(idle % kNsPerSec / kNsPerTick));
    return out.status();
}

PROC_SHOW(proc_show_loadavg) {
    (void)node;
    (void)viewer;
    RunStats s = run_stats();
    // No load average is computed yet: the three averages read 0.00.
    out.appendf("0.00 0.00 0.00 %u/%zu %d\n", max(s.running, 1u), thread_live_count(), s.last_pid);
    return out.status();
}

PROC_SHOW(proc_show_stat) {
    (void)node;
    (void)viewer;
    u64 up = monotonic_ns();
    unsigned cpus = cpu_count();
    u64 sum_user = 0, sum_idle = 0;
    for (unsigned i = 0; i < cpus; i++) {
        u64 idle = idle_ns(i);
        sum_idle += idle / kNsPerTick;
        sum_user += (up > idle ? up - idle : 0) / kNsPerTick;
    }
    // linux: fs/proc/stat.c show_stat(): user nice system idle iowait irq softirq steal guest
    // guest_nice. Busy time is not split by mode: it all counts as user.
    out.put_dec("cpu  ", sum_user);
    out.append(" 0 0");
    out.put_dec(" ", sum_idle);
    out.append(" 0 0 0 0 0 0\n");
    for (unsigned i = 0; i < cpus; i++) {
        u64 idle = idle_ns(i);
        out.appendf("cpu%u", i);
        out.put_dec(" ", (up > idle ? up - idle : 0) / kNsPerTick);
        out.append(" 0 0");
        out.put_dec(" ", idle / kNsPerTick);
        out.append(" 0 0 0 0 0 0\n");
    }
    u64 intr = 0;
    for (unsigned i = 0; i < cpus; i++)
        if (PerCpu* c = cpu_by_index(i)) intr += c->ticks;
    RunStats s = run_stats();
    Timespec now = realtime_now();
    out.put_dec("intr ", intr);
    out.append("\nctxt 0");
    out.put_dec("\nbtime ", static_cast<u64>(now.sec) - up / kNsPerSec);
    out.put_dec("\nprocesses ", static_cast<u64>(s.last_pid));
    out.put_dec("\nprocs_running ", max(s.running, 1u));
    out.append("\nprocs_blocked 0\nsoftirq 0 0 0 0 0 0 0 0 0 0 0\n");
    return out.status();
}

PROC_SHOW(proc_show_version) {
    (void)node;
    (void)viewer;
    // linux: "Linux version <release> (<user>@<host>) (<compiler>) <version>".
    out.appendf("%s version %s (aramid@aramid) (gcc %s) %s\n", kUnameSysname, kUnameRelease, __VERSION__,
                kUnameVersion);
    return out.status();
}

PROC_SHOW(proc_show_filesystems) {
    (void)node;
    (void)viewer;
    filesystem_for_each(
        [](void* ctx, const FileSystemType& t) {
            static_cast<SeqBuf*>(ctx)->appendf("%s\t%s\n", t.needs_device ? "" : "nodev", t.name);
        },
        &out);
    return out.status();
}

PROC_SHOW(proc_show_cmdline) {
    (void)node;
    (void)viewer;
    out.append(kernel_cmdline().raw());
    out.putc('\n');
    return out.status();
}

PROC_SHOW(proc_show_swaps) {
    (void)node;
    (void)viewer;
    out.append("Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");
    return out.status();
}
