// SPDX-License-Identifier: MIT
// Processes (thread groups). A Process holds separate objects for the address space, the file
// table, the filesystem context and the signal handlers (each shareable through clone flags),
// plus identity, the process tree and exit/wait state. It does not grow syscalls as members.
#pragma once

#include <atomic>

#include "core/credentials.h"
#include "core/namespaces.h"
#include "core/signal_state.h"
#include "core/thread.h"
#include "core/timers.h"
#include "core/wait_queue.h"
#include "fs/cgroup/cgroup_member.h"
#include "lib/ref_ptr.h"

class AddressSpace;
class Tty;
class FdTable;
class FsContext;
struct TrapFrame;

constexpr int kRlimitCount = 16;
struct RLimit {
    u64 cur;
    u64 max;
};

class Process : public RefCounted<Process> {
public:
    ~Process();

    int pid = 0;
    int pgid = 0;
    int sid = 0;
    Process* parent = nullptr;             // under the process-tree lock
    ListNode sibling_node;                 // in parent's children
    ListNode table_node;                   // in the global process list

    Credentials creds;
    RefPtr<AddressSpace> mm;
    RefPtr<FdTable> fds;
    RefPtr<FsContext> fs;
    RefPtr<SignalHandlers> sighand;
    Namespaces ns;                         // dropped at exit (a zombie has none)
    PendingSignals shared_pending;         // process-directed signals

    char comm[16] = {};
    char exe_path[256] = {};
    RLimit rlimits[kRlimitCount] = {};
    uptr arg_start = 0, arg_end = 0, env_start = 0, env_end = 0;
    // /proc/<pid>/coredump_filter, under the process-tree lock; linux: MMF_DUMP_FILTER_DEFAULT
    // with ELF headers (anonymous private and shared, ELF headers, private huge pages).
    u32 coredump_filter = 0x33;

    // Threads of the group (the leader first while it lives). Threads leave the list when they
    // exit; the process becomes a zombie when the last one leaves (live_threads reaches 0).
    IntrusiveList<Thread, &Thread::group_node> threads;
    unsigned live_threads = 0;
    // Group exit (Linux's SIGNAL_GROUP_EXIT): exit_group or a fatal signal; every thread has
    // SIGKILL pending and the group reports group_exit_code.
    bool group_exiting = false;
    int group_exit_code = 0;
    // A thread in execve waiting for the others to die (Linux's group_exec_task).
    Thread* exec_thread = nullptr;
    // The leader called exit() while other threads live: its tid stays the pid (and listed in
    // /proc/<pid>/task) until the group ends.
    bool leader_exited = false;
    WaitQueue group_exit_wait;       // exec_thread sleeps here until the others are gone

    // Exit and job-control state, reported through wait4/waitid.
    bool exiting = false;
    bool zombie = false;
    int exit_code = 0;               // wait status (as Linux encodes it)
    bool stopped = false;
    int stop_signal = 0;
    bool stop_reported = true;       // a stop not yet seen by wait(WUNTRACED)
    bool continue_reported = true;   // a SIGCONT not yet seen by wait(WCONTINUED)
    int exit_signal = 17;            // SIGCHLD unless clone() said otherwise
    bool is_subreaper = false;
    // linux: the mm's MMF_DUMPABLE (get_dumpable()): 1, or 0 after a change of effective or
    // file-system ids or PR_SET_DUMPABLE(0); exec makes it 1 again unless it changes ids. A
    // non-dumpable process's /proc entries belong to root (task_owner).
    std::atomic<u8> dumpable{1};
    int pdeath_signal = 0;
    // /proc/<pid>/oom_score_adj and the floor an unprivileged writer may not go below (linux:
    // signal_struct's oom_score_adj, oom_score_adj_min), inherited by fork; under the tree lock.
    short oom_score_adj = 0;
    short oom_score_adj_min = 0;
    bool did_exec = false;
    int nice = 0;
    // Scheduling class as set by sched_setscheduler/sched_setattr (SCHED_NORMAL, BATCH or IDLE:
    // all run alike here) and SCHED_RESET_ON_FORK.
    int sched_policy = 0;
    bool sched_reset_on_fork = false;
    u32 personality = 0;
    Tty* controlling_tty = nullptr;  // under the tree lock
    WaitQueue child_events;          // the parent sleeps here in wait4
    WaitQueue stop_wait;             // stopped threads sleep here until SIGCONT/SIGKILL
    WaitQueue exit_wait;             // pidfd pollers, woken when the process becomes a zombie

    u64 utime_ns = 0, stime_ns = 0, cutime_ns = 0, cstime_ns = 0;
    u64 start_time_ns = 0;
    u64 minflt = 0, majflt = 0;
    u64 maxrss_kb = 0;    // resident-set high-water mark, sampled when it can only have peaked
    u64 cmaxrss_kb = 0;   // the largest of the reaped children's (and their children's)
    ProcessTimers timers;
    CgroupMember cg;                 // under the tree lock (fs/cgroup/cgroup.h)

    IntrusiveList<Process, &Process::sibling_node> children;
    // Threads this process traces (ptrace(2)); each holds a reference to its thread.
    IntrusiveList<Thread, &Thread::ptrace_node> tracees;
    // A tracer that is not the parent holds the exited leader: the parent's wait sees this zombie
    // only once that tracer has reaped it (Linux's ptrace_reparented zombies).
    Process* ptrace_exit_holder = nullptr;
};

inline Process* current_process() { return current_thread()->process; }
// Folds the current resident set of p's address space into p->maxrss_kb (before it goes away at
// exit or exec, and when getrusage asks).
void process_sample_maxrss(Process* p);
// Finds a live (or zombie) process by pid; the caller holds the tree lock or takes a ref.
RefPtr<Process> process_by_pid(int pid);
usize process_live_count();
