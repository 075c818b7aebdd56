// SPDX-License-Identifier: MIT
// kcmp(2): do two processes share a kernel object? 0 when equal, otherwise 1 or 2 as the objects
// order (Linux orders obfuscated pointers, so only equality and the antisymmetry of the order
// are meaningful). linux: kernel/kcmp.c.
#include "abi/linux/uapi.h"
#include "fs/vfs/file.h"
#include "ipc/epoll.h"
#include "ipc/sysv_sem.h"
#include "syscalls/handlers.h"
#include "core/process_table.h"
#include "syscalls/task_access.h"

namespace {

i64 order(const void* a, const void* b) {
    auto x = reinterpret_cast<uptr>(a), y = reinterpret_cast<uptr>(b);
    return (x < y ? 1 : 0) | (x > y ? 2 : 0);
}

// linux: get_file_raw_ptr(): the description at fd, O_PATH ones included; null when none.
RefPtr<File> file_at(const TaskRefs& t, unsigned long idx) {
    if (!t.fds) return {};
    auto f = t.fds->get(static_cast<int>(static_cast<unsigned>(idx)));
    return f.is_error() ? RefPtr<File>() : f.release_value();
}

// Threads' I/O contexts exist once a priority was set (ioprio_set); without one it is null.
const void* io_context(int tid) {
    SpinlockGuard g(g_process_tree_lock);
    Thread* t = thread_find_locked(tid);
    return t && t->ioprio ? t : nullptr;
}

}  // namespace

SyscallResult sys_kcmp(int pid1, int pid2, int type, u64 idx1, u64 idx2) {
    TaskRefs a = TRY(task_refs(pid1));
    TaskRefs b = TRY(task_refs(pid2));
    Process* me = current_process();
    if (!task_may_access(*me, *a.process) || !task_may_access(*me, *b.process)) return Error(EPERM);
    switch (type) {
    case KCMP_FILE: {
        RefPtr<File> f1 = file_at(a, idx1), f2 = file_at(b, idx2);
        if (!f1 || !f2) return Error(EBADF);
        return order(f1.ptr(), f2.ptr());
    }
    case KCMP_VM: return order(a.mm.ptr(), b.mm.ptr());
    case KCMP_FILES: return order(a.fds.ptr(), b.fds.ptr());
    case KCMP_FS: return order(a.fs, b.fs);
    case KCMP_SIGHAND: return order(a.sighand, b.sighand);
    case KCMP_IO: return order(io_context(pid1), io_context(pid2));
    // Undo records are kept per process, so the process stands for its undo list.
    case KCMP_SYSVSEM:
        return order(sysv_sem_has_undo(a.process->pid) ? a.process.ptr() : nullptr,
                     sysv_sem_has_undo(b.process->pid) ? b.process.ptr() : nullptr);
    case KCMP_EPOLL_TFD: {
        // idx2 points at a struct kcmp_epoll_slot naming an item of an epoll instance of pid2.
        RefPtr<File> f1 = file_at(a, idx1);
        if (!f1) return Error(EBADF);
        kcmp_epoll_slot slot;
        TRY(copy_from_user(&slot, idx2, sizeof(slot)));
        RefPtr<File> ep = file_at(b, slot.efd);
        if (!ep) return Error(EBADF);
        const File* target = TRY(epoll_watched_file(*ep, static_cast<int>(slot.tfd), slot.toff));
        return order(f1.ptr(), target);
    }
    default: return Error(EINVAL);
    }
}
