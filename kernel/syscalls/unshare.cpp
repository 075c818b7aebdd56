// SPDX-License-Identifier: MIT
// unshare(2): the caller stops sharing its descriptor table, fs context, SEM_UNDO list or
// namespaces with other processes (Linux's ksys_unshare and check_unshare_flags).
#include "abi/linux/uapi.h"
#include "core/fd_table.h"
#include "core/log.h"
#include "core/namespaces.h"
#include "core/process.h"
#include "core/process_table.h"
#include "ipc/sysv_sem.h"
#include "mm/address_space.h"
#include "syscalls/handlers.h"

namespace {

constexpr u64 kUnshareFlags = CLONE_THREAD | CLONE_FS | CLONE_SIGHAND | CLONE_VM | CLONE_FILES | CLONE_SYSVSEM |
                              kCloneNsFlags;

// Linux "pretends" to unshare the thread group, signal handlers and address space when nothing
// shares them, and refuses otherwise.
Result<void> check_unshare_flags(u64 flags, Process* p) {
    if (flags & ~kUnshareFlags) return Error(EINVAL);
    if ((flags & (CLONE_THREAD | CLONE_SIGHAND | CLONE_VM)) && p->live_threads > 1) return Error(EINVAL);
    if ((flags & (CLONE_SIGHAND | CLONE_VM)) && p->sighand->ref_count() > 1) return Error(EINVAL);
    if ((flags & CLONE_VM) && p->mm->ref_count() > 1) return Error(EINVAL);
    return {};
}

}  // namespace

SyscallResult sys_unshare(Flags flags_arg) {
    u64 flags = flags_arg.value;
    Process* p = current_process();
    if (flags & CLONE_NEWUSER) flags |= CLONE_THREAD | CLONE_FS;
    if (flags & CLONE_VM) flags |= CLONE_SIGHAND;
    if (flags & CLONE_SIGHAND) flags |= CLONE_THREAD;
    if (flags & CLONE_NEWNS) flags |= CLONE_FS;
    TRY(check_unshare_flags(flags, p));
    // LINUX-DIVERGENCE: the descriptor table, fs context, SEM_UNDO list and namespaces belong to
    // the process here, so one thread of several cannot take its own copy.
    if ((flags & (CLONE_FS | CLONE_FILES | CLONE_SYSVSEM | kCloneNsFlags)) && p->live_threads > 1) {
        log_warn("unshare: flags %#llx in a multi-threaded process are not supported: ENOSYS",
                 static_cast<unsigned long long>(flags));
        return Error(ENOSYS);
    }
    RefPtr<FsContext> new_fs;
    RefPtr<FdTable> new_fds;
    if ((flags & CLONE_FS) && p->fs->ref_count() > 1) new_fs = TRY(p->fs->clone());
    if ((flags & CLONE_FILES) && p->fds->ref_count() > 1) new_fds = TRY(p->fds->clone());
    TRY(ns_check_new(flags, p->creds));
    bool new_ns = flags & kCloneNsFlags;
    Namespaces ns = new_ns ? TRY(ns_copy(p->ns, flags)) : Namespaces{};
    // CLONE_NEWIPC leaves the old namespace's semaphores, so their undo adjustments apply now.
    if (flags & (CLONE_SYSVSEM | CLONE_NEWIPC)) sysv_sem_exit(p->pid);
    {
        // The old objects are released after the lock (swap leaves them in the locals).
        SpinlockGuard g(g_process_tree_lock);
        if (new_fs) p->fs.swap(new_fs);
        if (new_fds) p->fds.swap(new_fds);
        if (new_ns) {
            Namespaces old = p->ns;
            p->ns = ns;
            ns = old;
        }
    }
    return 0;
}
