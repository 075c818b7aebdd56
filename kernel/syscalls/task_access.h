// SPDX-License-Identifier: MIT
// Reaching another process's objects (kcmp, process_vm_readv/writev, pidfd_getfd): finding it,
// Linux's ptrace access check, and references to its address space and descriptor table taken
// under the tree lock so that its exit cannot free them meanwhile.
#pragma once

#include "core/fd_table.h"
#include "core/process.h"
#include "mm/address_space.h"

// linux: __ptrace_may_access() with PTRACE_MODE_REALCREDS (Yama's ptrace_scope 0): the same
// thread group, or the caller's real uid and gid equal to all of the target's ids, the target's
// permitted capabilities within the caller's and the target dumpable, or CAP_SYS_PTRACE. Tree
// lock held (or target pinned).
bool task_may_access(const Process& caller, const Process& target);

struct TaskRefs {
    RefPtr<Process> process;
    RefPtr<AddressSpace> mm;   // null once the process exited
    RefPtr<FdTable> fds;       // likewise
    // Identities for kcmp only (never dereferenced).
    const void* fs = nullptr;
    const void* sighand = nullptr;
};
// The process with thread id tid (any thread names its process), ESRCH when there is none.
Result<TaskRefs> task_refs(int tid);
// The same for a process already held (ESRCH once it has been reaped).
Result<TaskRefs> task_refs(Process& p);
