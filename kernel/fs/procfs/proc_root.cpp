// SPDX-License-Identifier: MIT
// The root of /proc: the system-wide entries, "self" and "thread-self", and one directory per
// process (listed in pid order after the fixed entries, as Linux's proc_root_readdir), plus the
// "proc" file-system type.
#include "abi/linux/fs_abi.h"
#include "abi/linux/uapi.h"
#include "core/process.h"
#include "core/thread.h"
#include "fs/procfs/proc_internal.h"
#include "fs/procfs/proc_show.h"
#include "fs/procfs/proc_task.h"
#include "fs/procfs/procfs.h"
#include "fs/cgroup/cgroupfs.h"
#include "fs/sysfs/sysfs.h"
#include "fs/vfs/vfs.h"

namespace {

constexpr u32 kFile = S_IFREG | 0444;
constexpr u32 kLink = S_IFLNK | 0777;

// Linux keeps its root entries in an rbtree ordered by (name length, bytes) and lists them in
// that order, then self and thread-self; this table follows the same order.
constinit const ProcEntry kRootEntries[] = {
    {"net", kLink, ProcKind::Link, proc_link_net},
    {"sys", S_IFDIR | 0555, ProcKind::Dir, nullptr, nullptr, kProcSysEntries, kProcSysEntryCount},
    {"stat", kFile, ProcKind::File, proc_show_stat},
    {"swaps", kFile, ProcKind::File, proc_show_swaps, nullptr, nullptr, 0, kProcPollSwaps},
    {"mounts", kLink, ProcKind::Link, proc_link_mounts},
    {"uptime", kFile, ProcKind::File, proc_show_uptime},
    {"vmstat", kFile, ProcKind::File, proc_show_vmstat},
    {"cgroups", kFile, ProcKind::File, proc_show_cgroups},
    {"cmdline", kFile, ProcKind::File, proc_show_cmdline},
    {"cpuinfo", kFile, ProcKind::File, proc_show_cpuinfo},
    {"devices", kFile, ProcKind::File, proc_show_devices},
    {"loadavg", kFile, ProcKind::File, proc_show_loadavg},
    {"meminfo", kFile, ProcKind::File, proc_show_meminfo},
    {"sysvipc", S_IFDIR | 0555, ProcKind::Dir, nullptr, nullptr, kProcSysvipcEntries, kProcSysvipcCount},
    {"version", kFile, ProcKind::File, proc_show_version},
    {"partitions", kFile, ProcKind::File, proc_show_partitions},
    {"filesystems", kFile, ProcKind::File, proc_show_filesystems},
    {"self", kLink, ProcKind::Link, proc_link_self, nullptr, nullptr, 0, 0, 0xF0000002u},
    {"thread-self", kLink, ProcKind::Link, proc_link_thread_self, nullptr, nullptr, 0, 0, 0xF0000003u},
};

constexpr usize kBatch = 64;

}  // namespace

ProcTable proc_root_table() { return ProcTable{kRootEntries, sizeof(kRootEntries) / sizeof(kRootEntries[0])}; }

Result<ProcNode> proc_root_lookup_pid(const ProcNode& dir, StringView name) {
    int pid;
    if (!parse_proc_number(name, pid) || pid == 0) return Error(ENOENT);
    int found;
    if (task_pids(pid, &found, 1) != 1 || found != pid) return Error(ENOENT);
    ProcNode n;
    n.kind = ProcKind::PidDir;
    n.pid = pid;
    n.ino = proc_task_ino(pid, kInoPidDir, 0);
    n.parent_ino = dir.ino;
    return n;
}

Result<void> proc_root_iterate_pids(const ProcNode&, u64& pos, DirSink& sink) {
    int pids[kBatch];
    for (;;) {
        u64 from = pos - kProcDynamicPos;
        if (from > 0x7fffffff) return {};
        usize n = task_pids(static_cast<int>(from), pids, kBatch);
        for (usize i = 0; i < n; i++) {
            char name[12];
            u64 next = kProcDynamicPos + static_cast<u64>(pids[i]) + 1;
            u64 ino = proc_task_ino(pids[i], kInoPidDir, 0);
            if (!sink.emit(format_number(name, pids[i]), ino, mode_to_dtype(S_IFDIR), next)) return {};
            pos = next;
        }
        if (n < kBatch) return {};
    }
}

PROC_SHOW(proc_link_self) {
    (void)node;
    (void)viewer;
    Process* p = current_process();
    if (!p) return Error(ENOENT);   // a kernel thread has no pid to point at
    out.put_dec("", static_cast<u64>(p->pid));
    return out.status();
}

PROC_SHOW(proc_link_thread_self) {
    (void)node;
    (void)viewer;
    Thread* t = current_thread();
    Process* p = current_process();
    if (!p || !t) return Error(ENOENT);
    out.appendf("%d/task/%d", p->pid, t->tid);
    return out.status();
}

PROC_SHOW(proc_link_net) {
    out.append("self/net");
    return out.status();
}

PROC_SHOW(proc_link_mounts) {
    (void)node;
    (void)viewer;
    out.append("self/mounts");
    return out.status();
}

// --- the file-system types -----------------------------------------------------------------------

namespace {

Result<RefPtr<SuperBlock>> proc_mount(StringView, u64, const char*) {
    // linux: each proc mount is a new superblock (per-mount options since 5.8); options such as
    // hidepid= are accepted and ignored for now.
    auto sb = TRY(ProcSuperBlock::create());
    return RefPtr<SuperBlock>(std::move(sb));
}

constinit const FileSystemType g_proc_type{"proc", proc_mount, false};

}  // namespace

void procfs_init() {
    if (find_filesystem("proc")) return;
    proc_sys_init();
    proc_cpuinfo_init();
    // Boot: the table has room for the built-in types; a failure here is a kernel bug.
    MUST(register_filesystem(sysfs_type()));
    MUST(register_filesystem(g_proc_type));
    cgroupfs_init();   // cgroup2, mounted on sysfs's /sys/fs/cgroup
}
