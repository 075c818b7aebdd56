// SPDX-License-Identifier: MIT
// unshare(2): the caller stops sharing its descriptor table, fs context, SEM_UNDO list or
// namespaces with other processes (Linux's ksys_unshare and check_unshare_flags); setns(2):
// it joins the namespace an nsfs file (/proc/<pid>/ns/<kind>) names.
#include "abi/linux/uapi.h"
#include "core/fd_table.h"
#include "core/log.h"
#include "core/namespaces.h"
#include "core/process.h"
#include "core/process_table.h"
#include "fs/nsfs/nsfs.h"
#include "syscalls/fs_common.h"
#include "ipc/ipc_namespace.h"
#include "ipc/sysv_sem.h"
#include "mm/address_space.h"
#include "syscalls/handlers.h"

namespace {

constexpr u64 kUnshareFlags = CLONE_THREAD | CLONE_FS | CLONE_SIGHAND | CLONE_VM | CLONE_FILES | CLONE_SYSVSEM |
                              kCloneNsFlags;

// Another live process uses p's address space (CLONE_VM, a vfork parent): Linux's
// current_is_single_threaded(). The count alone would also see /proc readers' references.
bool mm_shared(Process* p) {
    bool shared = false;
    SpinlockGuard g(g_process_tree_lock);
    for_each_process_locked([&](Process& q) { shared |= &q != p && q.mm.ptr() == p->mm.ptr(); });
    return shared;
}

// Linux "pretends" to unshare the thread group, signal handlers and address space when nothing
// shares them, and refuses otherwise.
Result<void> check_unshare_flags(u64 flags, Process* p) {
    if (flags & ~kUnshareFlags) return Error(EINVAL);
    if ((flags & (CLONE_THREAD | CLONE_SIGHAND | CLONE_VM)) && p->live_threads > 1) return Error(EINVAL);
    if ((flags & (CLONE_SIGHAND | CLONE_VM)) && p->sighand->ref_count() > 1) return Error(EINVAL);
    if ((flags & CLONE_VM) && mm_shared(p)) return Error(EINVAL);
    return {};
}

// LINUX-DIVERGENCE: the descriptor table, fs context, SEM_UNDO list and namespaces belong to
// the process here, so one thread of several cannot take its own.
Result<void> check_single_threaded(const char* call, u64 flags, Process* p) {
    if (p->live_threads <= 1) return {};
    log_warn("%s: flags %#llx in a multi-threaded process are not supported: ENOSYS", call,
             static_cast<unsigned long long>(flags));
    return Error(ENOSYS);
}

// Puts ns in place of the caller's namespaces (the old ones are released by the caller, after
// the lock: the last reference to an IPC namespace destroys its objects).
void switch_namespaces(Process* p, Namespaces& ns) {
    SpinlockGuard g(g_process_tree_lock);
    Namespaces old = p->ns;
    p->ns = ns;
    ns = old;
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
    if (flags & (CLONE_FS | CLONE_FILES | CLONE_SYSVSEM | kCloneNsFlags)) TRY(check_single_threaded("unshare", flags, p));
    RefPtr<FsContext> new_fs;
    RefPtr<FdTable> new_fds;
    if ((flags & CLONE_FS) && p->fs->ref_count() > 1) new_fs = TRY(p->fs->clone());
    if ((flags & CLONE_FILES) && p->fds->ref_count() > 1) new_fds = TRY(p->fds->clone());
    TRY(ns_check_new(flags, p->creds));
    bool new_ns = flags & kCloneNsFlags;
    Namespaces ns = new_ns ? TRY(ns_copy(p->ns, flags)) : Namespaces{};
    // CLONE_NEWIPC leaves the old namespace's semaphores, so their undo adjustments apply now.
    if (flags & (CLONE_SYSVSEM | CLONE_NEWIPC)) sysv_sem_exit(p->pid);
    if (new_fs || new_fds) {
        // The old objects are released after the lock (swap leaves them in the locals).
        SpinlockGuard g(g_process_tree_lock);
        if (new_fs) p->fs.swap(new_fs);
        if (new_fds) p->fds.swap(new_fds);
    }
    if (new_ns) switch_namespaces(p, ns);
    return 0;
}

SyscallResult sys_setns(int fd, int nstype) {
    RefPtr<File> f = TRY(fd_file(fd));
    NsHandle h = TRY(nsfs_handle(*f));
    if (nstype && static_cast<u64>(static_cast<u32>(nstype)) != h.type) return Error(EINVAL);
    Process* p = current_process();
    if (!p->creds.has_cap(CAP_SYS_ADMIN)) return Error(EPERM);   // over the namespace and here
    TRY(check_single_threaded("setns", h.type, p));
    Namespaces ns = p->ns;
    if (h.type == CLONE_NEWUTS) {
        ns.uts = h.ns.uts;
    } else {
        sysv_sem_exit(p->pid);   // the old namespace's undo adjustments (ipcns_install)
        ns.ipc = h.ns.ipc;
    }
    switch_namespaces(p, ns);
    return 0;
}
