// SPDX-License-Identifier: MIT
// The process tree and pid space. One lock (rank ProcessTree) covers pids, parent/child links,
// process groups, sessions and zombie state, the way Linux's tasklist_lock does.
#pragma once

#include "core/process.h"
#include "sync/spinlock.h"

extern Spinlock g_process_tree_lock;

constexpr int kPidMax = 32768;   // /proc/sys/kernel/pid_max default

// Allocates a pid (Linux order: increasing, wrapping to 300 after pid_max). ENOMEM/EAGAIN when full.
Result<int> pid_alloc_locked();
// clone3's set_tid: exactly that pid, EEXIST when it is in use.
Result<int> pid_alloc_specific_locked(int pid);
void pid_free_locked(int pid);

void process_table_insert_locked(Process* p);
void process_table_remove_locked(Process* p);
Process* process_find_locked(int pid);
Thread* thread_find_locked(int tid);

// Iterates over every process (tree lock held).
template <typename Fn>
void for_each_process_locked(Fn fn);

IntrusiveList<Process, &Process::table_node>& process_list_locked();

template <typename Fn>
void for_each_process_locked(Fn fn) {
    for (Process& p : process_list_locked()) fn(p);
}

Process* init_process();
void set_init_process(Process* p);
