// SPDX-License-Identifier: MIT
// /proc/<pid>/ and /proc/<pid>/task/<tid>/: the per-process entry table (Linux's
// tgid_base_stuff order, the subset Aramid has) and the task/ directory.
#include "abi/linux/fs_abi.h"
#include "abi/linux/uapi.h"
#include "fs/procfs/proc_internal.h"
#include "fs/procfs/proc_show.h"
#include "fs/procfs/proc_task.h"

namespace {

constexpr u32 kRo = S_IFREG | 0444;
constexpr u32 kRw = S_IFREG | 0644;
constexpr u32 kLink = S_IFLNK | 0777;

constinit const ProcEntry kPidEntries[] = {
    {"task", S_IFDIR | 0555, ProcKind::TaskList, nullptr, nullptr, nullptr, 0, kProcTgidOnly},
    {"fd", S_IFDIR | 0500, ProcKind::FdDir},
    {"fdinfo", S_IFDIR | 0555, ProcKind::FdInfoDir},
    {"ns", S_IFDIR | 0511, ProcKind::Dir, nullptr, nullptr, kProcPidNsEntries, kProcPidNsCount},
    {"net", S_IFDIR | 0555, ProcKind::Dir, nullptr, nullptr, kProcNetEntries, kProcNetCount},
    {"environ", S_IFREG | 0400, ProcKind::File, proc_show_pid_environ, nullptr, nullptr, 0, kProcInspect},
    {"status", kRo, ProcKind::File, proc_show_pid_status},
    {"personality", S_IFREG | 0400, ProcKind::File, proc_show_pid_personality, nullptr, nullptr, 0, kProcInspect},
    {"limits", kRo, ProcKind::File, proc_show_pid_limits},
    {"comm", kRw, ProcKind::File, proc_show_pid_comm, proc_write_pid_comm},
    {"cmdline", kRo, ProcKind::File, proc_show_pid_cmdline},
    {"stat", kRo, ProcKind::File, proc_show_pid_stat},
    {"statm", kRo, ProcKind::File, proc_show_pid_statm},
    {"maps", kRo, ProcKind::File, proc_show_pid_maps, nullptr, nullptr, 0, kProcInspect},
    {"cwd", kLink, ProcKind::Link, proc_link_pid_cwd},
    {"root", kLink, ProcKind::Link, proc_link_pid_root},
    {"exe", kLink, ProcKind::Link, proc_link_pid_exe},
    {"mounts", kRo, ProcKind::File, proc_show_pid_mounts, nullptr, nullptr, 0, kProcPollMounts},
    {"mountinfo", kRo, ProcKind::File, proc_show_pid_mountinfo, nullptr, nullptr, 0, kProcPollMounts},
    {"smaps", kRo, ProcKind::File, proc_show_pid_smaps, nullptr, nullptr, 0, kProcInspect},
    {"wchan", kRo, ProcKind::File, proc_show_pid_wchan},
    {"cgroup", kRo, ProcKind::File, proc_show_pid_cgroup},
    {"oom_score", kRo, ProcKind::File, proc_show_pid_oom_score},
    {"oom_adj", kRw, ProcKind::File, proc_show_pid_oom_adj, proc_write_pid_oom_adj},
    {"oom_score_adj", kRw, ProcKind::File, proc_show_pid_oom_score_adj, proc_write_pid_oom_score_adj},
    {"coredump_filter", kRw, ProcKind::File, proc_show_pid_coredump_filter, proc_write_pid_coredump_filter, nullptr, 0,
     kProcTgidOnly},
};

constexpr usize kBatch = 64;

}  // namespace

ProcTable proc_pid_table() { return ProcTable{kPidEntries, sizeof(kPidEntries) / sizeof(kPidEntries[0])}; }

Result<ProcNode> proc_task_lookup(const ProcNode& dir, StringView name) {
    int tid;
    if (!parse_proc_number(name, tid) || tid == 0) return Error(ENOENT);
    int found;
    if (task_thread_ids(dir.pid, tid, &found, 1) != 1 || found != tid) return Error(ENOENT);
    ProcNode n;
    n.kind = ProcKind::TidDir;
    n.pid = dir.pid;
    n.tid = tid;
    n.ino = proc_task_ino(tid, kInoTidDir, 0);
    n.parent_ino = dir.ino;
    return n;
}

Result<void> proc_task_iterate(const ProcNode& dir, u64& pos, DirSink& sink) {
    int tids[kBatch];
    for (;;) {
        u64 from = pos - kProcDynamicPos;
        if (from > 0x7fffffff) return {};
        usize n = task_thread_ids(dir.pid, static_cast<int>(from), tids, kBatch);
        for (usize i = 0; i < n; i++) {
            char name[12];
            u64 next = kProcDynamicPos + static_cast<u64>(tids[i]) + 1;
            u64 ino = proc_task_ino(tids[i], kInoTidDir, 0);
            if (!sink.emit(format_number(name, tids[i]), ino, mode_to_dtype(S_IFDIR), next)) return {};
            pos = next;
        }
        if (n < kBatch) return {};
    }
}
