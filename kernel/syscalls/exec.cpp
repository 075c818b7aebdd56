// SPDX-License-Identifier: MIT
// execve(2) and execveat(2).
#include "abi/linux/uapi.h"
#include "arch/x86_64/trap_frame.h"
#include "core/fd_table.h"
#include "core/process.h"
#include "core/ptrace.h"
#include "exec/exec.h"
#include "fs/vfs/file.h"
#include "mm/kheap.h"
#include "syscalls/fs_util.h"
#include "syscalls/handlers.h"

namespace {

SyscallResult do_exec(int dirfd, UserCString upath, u64 argv, u64 envp, int flags) {
    if (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW)) return Error(EINVAL);
    OwnPtr<char> path_mem(static_cast<char*>(kmalloc(4096)));   // PATH_MAX: too big for the stack
    char* path = path_mem.ptr();
    if (!path) return Error(ENOMEM);
    TRY(copy_string_from_user(path, 4096, upath.addr));
    Process* p = current_process();
    int old_tid = current_thread()->tid;   // PTRACE_EVENT_EXEC's message
    // ARG_MAX: a quarter of the stack limit, at least 32 pages (Linux's rule).
    usize budget = max(p->rlimits[RLIMIT_STACK].cur / 4, u64(32 * kPageSize));
    if (budget > 6ull << 20) budget = 6ull << 20;
    void* argv_mem = nullptr;
    void* envp_mem = nullptr;
    auto av = copy_user_string_array(argv, budget, argv_mem);
    if (av.is_error()) {
        kfree(argv_mem);
        return av.error();
    }
    auto ev = copy_user_string_array(envp, budget, envp_mem);
    if (ev.is_error()) {
        kfree(argv_mem);
        kfree(envp_mem);
        return ev.error();
    }
    ExecArgs args{Span<const StringView>(av.value().data(), av.value().size()),
                  Span<const StringView>(ev.value().data(), ev.value().size())};
    Result<void> r = Error(ENOENT);
    if (path[0] == 0) {
        if (!(flags & AT_EMPTY_PATH)) {
            r = Error(ENOENT);
        } else {
            auto f = p->fds->get(dirfd);
            r = f.is_error() ? Result<void>(f.error()) : do_execve(f.value()->path(), ".", args, true);
        }
    } else {
        auto at = dirfd_base(dirfd, StringView(path));
        r = at.is_error() ? Result<void>(at.error()) : do_execve(at.value(), StringView(path), args, !(flags & AT_SYMLINK_NOFOLLOW));
    }
    kfree(argv_mem);
    kfree(envp_mem);
    TRY(std::move(r));
    if (unlikely(current_thread()->traced())) {
        // The event stop comes before the syscall's result is in rax (Linux's pt_regs still
        // holds the entry's -ENOSYS there); the result overwrites what a tracer put there.
        TrapFrame* f = current_thread()->user_frame;
        f->rax = static_cast<u64>(-ENOSYS);
        ptrace_exec_done(old_tid);
        f->rax = 0;
    }
    return 0;
}

}  // namespace

SyscallResult sys_execve(UserCString path, UserPtr<const u64> argv, UserPtr<const u64> envp) {
    return do_exec(AT_FDCWD, path, argv.addr(), envp.addr(), 0);
}

SyscallResult sys_execveat(int dirfd, UserCString path, UserPtr<const u64> argv, UserPtr<const u64> envp, int flags) {
    return do_exec(dirfd, path, argv.addr(), envp.addr(), flags);
}
