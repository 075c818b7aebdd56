// SPDX-License-Identifier: MIT
// The generators behind /proc's entries (ProcShowFn / ProcWriteFn), one file per family:
// proc_system.cpp (system-wide files), cpuinfo_x86.cpp, proc_pid_files.cpp (per-process text
// files), proc_pid_mm.cpp (memory: cmdline, environ, maps, statm), proc_mounts.cpp, proc_sys.cpp.
#pragma once

#include "fs/procfs/proc_inode.h"

#define PROC_SHOW(name) \
    Result<void> name([[maybe_unused]] const ProcNode& node, [[maybe_unused]] const Credentials& viewer, SeqBuf& out)
#define PROC_WRITE(name)                                                                                    \
    Result<void> name([[maybe_unused]] const ProcNode& node, [[maybe_unused]] const Credentials& viewer, \
                      StringView data)

// System-wide.
PROC_SHOW(proc_show_meminfo);
PROC_SHOW(proc_show_vmstat);
PROC_SHOW(proc_show_cpuinfo);
PROC_SHOW(proc_show_uptime);
PROC_SHOW(proc_show_loadavg);
PROC_SHOW(proc_show_stat);
PROC_SHOW(proc_show_version);
PROC_SHOW(proc_show_filesystems);
PROC_SHOW(proc_show_cmdline);
PROC_SHOW(proc_show_swaps);
PROC_SHOW(proc_show_cgroups);
// Block devices (drivers/block/block_proc.cpp).
PROC_SHOW(proc_show_devices);
PROC_SHOW(proc_show_partitions);
PROC_SHOW(proc_link_self);
PROC_SHOW(proc_link_thread_self);
PROC_SHOW(proc_link_mounts);

// Per process (node.pid, node.tid).
PROC_SHOW(proc_show_pid_stat);
PROC_SHOW(proc_show_pid_status);
PROC_SHOW(proc_show_pid_statm);
PROC_SHOW(proc_show_pid_limits);
PROC_SHOW(proc_show_pid_comm);
PROC_WRITE(proc_write_pid_comm);
PROC_SHOW(proc_show_pid_personality);
PROC_SHOW(proc_show_pid_wchan);
PROC_SHOW(proc_show_pid_oom_score);
PROC_SHOW(proc_show_pid_oom_adj);
PROC_WRITE(proc_write_pid_oom_adj);
PROC_SHOW(proc_show_pid_oom_score_adj);
PROC_SHOW(proc_show_pid_coredump_filter);
PROC_WRITE(proc_write_pid_coredump_filter);
PROC_WRITE(proc_write_pid_oom_score_adj);
PROC_SHOW(proc_show_pid_cmdline);
PROC_SHOW(proc_show_pid_environ);
PROC_SHOW(proc_show_pid_maps);
PROC_SHOW(proc_show_pid_smaps);
PROC_SHOW(proc_show_pid_mounts);
PROC_SHOW(proc_show_pid_mountinfo);
PROC_SHOW(proc_link_pid_exe);
PROC_SHOW(proc_link_pid_cwd);
PROC_SHOW(proc_link_pid_root);

// /proc/<pid>/ns/ (proc_pid_ns.cpp).
constexpr u16 kProcPidNsCount = 2;
extern const ProcEntry kProcPidNsEntries[kProcPidNsCount];

// /proc/<pid>/net/ (net/inet/proc_net.cpp), which /proc/net links to.
constexpr u16 kProcNetCount = 7;
extern const ProcEntry kProcNetEntries[kProcNetCount];
PROC_SHOW(proc_link_net);

// System V IPC (ipc/sysv_proc.cpp): /proc/sysvipc's files and the kernel.shm*, sem and msg* sysctls.
constexpr u16 kProcSysvipcCount = 3;
extern const ProcEntry kProcSysvipcEntries[kProcSysvipcCount];
PROC_SHOW(proc_show_msgmax);
PROC_SHOW(proc_show_msgmnb);
PROC_SHOW(proc_show_msgmni);
PROC_SHOW(proc_show_sem_limits);

// POSIX message queues (ipc/mqueue_proc.cpp): /proc/sys/fs/mqueue.
constexpr u16 kProcMqueueCount = 5;
extern const ProcEntry kProcMqueueEntries[kProcMqueueCount];
// One decimal integer with surrounding whitespace, as Linux's proc_get_long (proc_sys.cpp).
Result<i64> proc_parse_long(StringView data);
PROC_SHOW(proc_show_shmall);
PROC_SHOW(proc_show_shmmax);
PROC_SHOW(proc_show_shmmni);
PROC_WRITE(proc_write_shmall);
// fs.aio-nr, fs.aio-max-nr (aio/aio_context.cpp).
PROC_SHOW(proc_show_aio_nr);
PROC_SHOW(proc_show_aio_max_nr);
PROC_WRITE(proc_write_aio_max_nr);
PROC_WRITE(proc_write_shmmax);
PROC_WRITE(proc_write_shmmni);

// /proc/sys (proc_sys.cpp): its top-level directories.
constexpr u16 kProcSysEntryCount = 4;
extern const ProcEntry kProcSysEntries[kProcSysEntryCount];

// /proc/<pid>/cgroup (fs/cgroup/cgroup_proc.cpp).
PROC_SHOW(proc_show_pid_cgroup);
