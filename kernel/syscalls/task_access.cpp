// SPDX-License-Identifier: MIT
#include "syscalls/task_access.h"

#include "core/process_table.h"

bool task_may_access(const Process& caller, const Process& target) {
    if (&caller == &target) return true;
    const Credentials& c = caller.creds;
    const Credentials& t = target.creds;
    if (c.has_cap(CAP_SYS_PTRACE)) return true;
    return ptrace_creds_allow(c, t, false) && target.dumpable.load(std::memory_order_relaxed) == 1;
}

namespace {
TaskRefs refs_locked(Process& p) { return TaskRefs{RefPtr<Process>(&p), p.mm, p.fds, p.fs.ptr(), p.sighand.ptr()}; }
}  // namespace

Result<TaskRefs> task_refs(int tid) {
    SpinlockGuard g(g_process_tree_lock);
    Thread* t = tid > 0 ? thread_find_locked(tid) : nullptr;
    Process* p = t ? t->process : (tid > 0 ? process_find_locked(tid) : nullptr);
    if (!p) return Error(ESRCH);
    return refs_locked(*p);
}

Result<TaskRefs> task_refs(Process& p) {
    SpinlockGuard g(g_process_tree_lock);
    if (process_find_locked(p.pid) != &p) return Error(ESRCH);
    return refs_locked(p);
}
