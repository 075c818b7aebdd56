// SPDX-License-Identifier: MIT
// What procfs reads about processes. Everything is copied under the process-tree lock (a
// spinlock: nothing here sleeps or touches user memory while holding it), and the shared
// objects a file needs (address space, descriptor table, filesystem context) are taken by
// reference, so the formatting that follows runs unlocked.
#pragma once

#include "core/fd_table.h"
#include "core/process.h"
#include "mm/address_space.h"

struct TaskInfo {
    int pid = 0, tid = 0, ppid = 0, pgid = 0, sid = 0;
    int tty_nr = 0, tpgid = -1;
    char comm[16] = {};
    int tracer_pid = 0;          // TracerPid (ptrace)
    char state = 'R';            // R S D T Z (Linux's task state letters)
    bool exiting = false;
    bool did_exec = false;
    Credentials creds;
    bool has_fs = false;         // umask is valid (the process still has its fs context)
    u32 umask = 022;
    unsigned threads = 0;
    SigSet pending = 0, shared_pending = 0, blocked = 0, ignored = 0, caught = 0;
    bool no_new_privs = false;
    u8 seccomp_mode = 0;
    unsigned seccomp_filters = 0;
    usize queued_signals = 0;
    u64 utime_ns = 0, stime_ns = 0, cutime_ns = 0, cstime_ns = 0, start_time_ns = 0;
    u64 minflt = 0, majflt = 0;
    int exit_signal = 0, exit_code = 0;
    RLimit rlimits[kRlimitCount] = {};
    uptr arg_start = 0, arg_end = 0, env_start = 0, env_end = 0;
    char exe_path[256] = {};
    RefPtr<AddressSpace> mm;     // null for a zombie (or without kTaskMm)
    RefPtr<FdTable> fds;
    RefPtr<FsContext> fs;
};

enum TaskWant : unsigned { kTaskMm = 1, kTaskFds = 2, kTaskFs = 4 };

// Snapshot of process pid, and of its thread tid when tid != 0 (ESRCH when either is gone).
// want says which shared objects to reference.
Result<void> task_snapshot(int pid, int tid, unsigned want, TaskInfo& out);
// The owner of a process's /proc entry of the given mode (linux: task_dump_owner()): its effective
// ids; root for everything but 0555 directories once the process has no memory (a zombie) or is
// not dumpable (Process::dumpable).
// ENOENT when the process (or the thread) is gone.
Result<void> task_owner(int pid, int tid, u32 mode, u32& uid, u32& gid);
// Appends each live thread id of pid that is >= from, in increasing order, up to max; returns
// how many were stored.
usize task_thread_ids(int pid, int from, int* out, usize max);
// The same for the processes: pids >= from.
usize task_pids(int from, int* out, usize max);

// Linux's ptrace_may_access(PTRACE_MODE_READ_FSCREDS) on process pid: the calling process
// itself, or ptrace_creds_allow() with the fs ids (no dumpable check).
bool may_inspect(const Credentials& viewer, int pid, const Credentials& target);
// EACCES unless viewer may inspect process pid (ESRCH when it is gone).
Result<void> check_inspect(int pid, const Credentials& viewer);

// The credentials of whoever is calling (root for kernel threads).
Credentials viewer_credentials();
