// SPDX-License-Identifier: MIT
#include "core/process_table.h"

#include "lib/bitmap.h"

Spinlock g_process_tree_lock(LockRank::ProcessTree, "process-tree");

namespace {
Bitmap<kPidMax> g_pids;
int g_last_pid = 0;
IntrusiveList<Process, &Process::table_node>* g_list;
alignas(IntrusiveList<Process, &Process::table_node>) u8 g_list_storage[sizeof(IntrusiveList<Process, &Process::table_node>)];
Process* g_init = nullptr;
usize g_live = 0;

}  // namespace

IntrusiveList<Process, &Process::table_node>& process_list_locked() {
    if (!g_list) g_list = new (g_list_storage) IntrusiveList<Process, &Process::table_node>();
    return *g_list;
}

Result<int> pid_alloc_locked() {
    if (!g_pids.get(0)) g_pids.set(0);   // pid 0 is the idle task's
    for (int pass = 0; pass < 2; pass++) {
        usize from = static_cast<usize>(g_last_pid + 1);
        if (from >= kPidMax) from = 300;
        usize p = g_pids.find_first(false, from);
        if (p == g_pids.size() && pass == 0) {
            g_last_pid = 299;
            continue;
        }
        if (p == g_pids.size()) break;
        g_pids.set(p);
        g_last_pid = static_cast<int>(p);
        return static_cast<int>(p);
    }
    return Error(EAGAIN);
}

Result<int> pid_alloc_specific_locked(int pid) {
    if (pid <= 0 || pid >= kPidMax) return Error(EINVAL);
    if (g_pids.get(static_cast<usize>(pid))) return Error(EEXIST);
    g_pids.set(static_cast<usize>(pid));
    return pid;
}

void pid_free_locked(int pid) {
    if (pid > 0 && pid < kPidMax) g_pids.set(static_cast<usize>(pid), false);
}

void process_table_insert_locked(Process* p) {
    process_list_locked().push_back(*p);
    g_live++;
}

void process_table_remove_locked(Process* p) {
    process_list_locked().remove(*p);
    g_live--;
}

Process* process_find_locked(int pid) {
    for (Process& p : process_list_locked())
        if (p.pid == pid) return &p;
    return nullptr;
}


Thread* thread_find_locked(int tid) {
    for (Process& p : process_list_locked())
        for (Thread& t : p.threads)
            if (t.tid == tid) return &t;
    return nullptr;
}

usize process_live_count() {
    SpinlockGuard g(g_process_tree_lock);
    return g_live;
}

Process* init_process() { return g_init; }
void set_init_process(Process* p) { g_init = p; }

RefPtr<Process> process_by_pid(int pid) {
    SpinlockGuard g(g_process_tree_lock);
    return RefPtr<Process>(process_find_locked(pid));
}

