// SPDX-License-Identifier: MIT
// Descriptor operations: dup, dup2, dup3, fcntl, close_range and flock. linux: fs/file.c,
// fs/fcntl.c, fs/locks.c.
#include "abi/linux/uapi.h"
#include "fs/tmpfs/memfd.h"
#include "core/fd_table.h"
#include "core/process.h"
#include "fs/vfs/permission.h"
#include "syscalls/fs_common.h"
#include "syscalls/fs_locks.h"
#include "syscalls/handlers.h"

namespace {

// linux: include/linux/fs.h SETFL_MASK (FASYNC is the file's fasync operation's to set).
constexpr u32 kSetflMask = O_APPEND | O_NONBLOCK | O_NDELAY | O_DIRECT | O_NOATIME;

// Installs f at newfd (dup2/dup3), then settles the locks of whatever was there.
SyscallResult dup_to(RefPtr<File> f, int newfd, bool cloexec) {
    FdTable& t = *current_process()->fds;
    {
        auto old = t.get(newfd);
        TRY(t.install_at(newfd, std::move(f), cloexec, nofile_limit()));
        if (old.is_ok()) fd_closed_file(*old.value());
    }
    file_locks_collect();
    return newfd;
}

// linux: ksys_dup3(): flags, then the same-fd case, then the limit on newfd, then oldfd.
SyscallResult do_dup3(Fd oldfd, Fd newfd, u64 flags, bool dup2) {
    if (flags & ~u64(O_CLOEXEC)) return Error(EINVAL);
    if (oldfd == newfd) {
        if (!dup2) return Error(EINVAL);
        TRY(fd_file_raw(oldfd));   // dup2(fd, fd) only checks fd is open
        return newfd;
    }
    if (newfd < 0 || static_cast<u64>(newfd) >= nofile_limit()) return Error(EBADF);
    RefPtr<File> f = TRY(fd_file_raw(oldfd));
    return dup_to(std::move(f), newfd, flags & O_CLOEXEC);
}

// linux: f_dupfd(): EINVAL when the minimum is at or above the limit, EMFILE when full.
SyscallResult dup_from(RefPtr<File> f, u64 arg, bool cloexec) {
    u32 from = static_cast<u32>(arg);
    if (from >= nofile_limit()) return Error(EINVAL);
    return TRY(fd_install(std::move(f), cloexec, static_cast<int>(from)));
}

// linux: setfl().
SyscallResult set_status_flags(File& f, u32 arg, int fd) {
    Inode& inode = f.inode();
    if ((arg & O_NOATIME) && !(f.flags() & O_NOATIME) && !inode_owner_or_capable(current_creds(), inode))
        return Error(EPERM);
    // O_DIRECT: pipes take it (packet mode); no Aramid file system does direct I/O.
    if ((arg & O_DIRECT) && (inode.mode() & S_IFMT) != S_IFIFO) return Error(EINVAL);
    u32 fl = (arg & kSetflMask) | (f.flags() & ~kSetflMask);
    if (file_supports_fasync(f)) fl = (fl & ~u32(FASYNC)) | (arg & FASYNC);
    f.set_status_flags(fl);
    f.update_async(fd);
    return 0;
}

// linux: f_setown()/f_setown_ex(): a negative F_SETOWN argument names a process group.
SyscallResult set_owner(File& f, FileOwner o) {
    if (o.type == F_OWNER_PID && o.id < 0) {
        if (o.id == INT32_MIN) return Error(EINVAL);
        o = FileOwner{F_OWNER_PGRP, -o.id};
    }
    TRY(file_owner_check(o));
    f.set_owner(o);
    return 0;
}

SyscallResult lock_cmd(File& f, u32 cmd, u64 arg) {
    UserPtr<struct flock> uptr_fl(arg);
    struct flock fl = TRY(copy_from_user(UserPtr<const struct flock>(arg)));
    bool ofd = cmd == F_OFD_GETLK || cmd == F_OFD_SETLK || cmd == F_OFD_SETLKW;
    if (cmd == F_GETLK || cmd == F_OFD_GETLK) {
        TRY(posix_lock_get(f, fl, ofd));
        TRY(copy_to_user(uptr_fl, fl));
        return 0;
    }
    TRY(posix_lock_set(f, fl, ofd, cmd == F_SETLKW || cmd == F_OFD_SETLKW));
    return 0;
}

}  // namespace

SyscallResult sys_dup(Fd fd) {
    RefPtr<File> f = TRY(fd_file_raw(fd));
    return TRY(fd_install(std::move(f), false));
}

SyscallResult sys_dup2(Fd oldfd, Fd newfd) { return do_dup3(oldfd, newfd, 0, true); }

SyscallResult sys_dup3(Fd oldfd, Fd newfd, Flags flags) { return do_dup3(oldfd, newfd, flags.value, false); }

SyscallResult sys_fcntl(Fd fd, u32 cmd, u64 arg) {
    RefPtr<File> f = TRY(fd_file_raw(fd));
    // linux: check_fcntl_cmd(): an O_PATH descriptor allows only these.
    if (f->is_path_only() && cmd != F_DUPFD && cmd != F_DUPFD_CLOEXEC && cmd != F_GETFD && cmd != F_SETFD &&
        cmd != F_GETFL)
        return Error(EBADF);
    switch (cmd) {
    case F_DUPFD:
        return dup_from(std::move(f), arg, false);
    case F_DUPFD_CLOEXEC:
        return dup_from(std::move(f), arg, true);
    case F_GETFD:
        return TRY(current_process()->fds->cloexec(fd)) ? FD_CLOEXEC : 0;
    case F_SETFD:
        TRY(current_process()->fds->set_cloexec(fd, static_cast<u32>(arg) & FD_CLOEXEC));
        return 0;
    case F_GETFL:
        return f->flags() & ~u32(O_CLOEXEC);
    case F_SETFL:
        return set_status_flags(*f, static_cast<u32>(arg), fd);
    case F_GETLK:
    case F_SETLK:
    case F_SETLKW:
    case F_OFD_GETLK:
    case F_OFD_SETLK:
    case F_OFD_SETLKW:
        return lock_cmd(*f, cmd, arg);
    case F_GETLEASE:
        return F_UNLCK;   // Aramid grants no leases
    case F_GETPIPE_SZ:
    case F_SETPIPE_SZ:
        if (pipe_fcntl) return TRY(pipe_fcntl(*f, cmd, arg));
        return Error(EINVAL);
    case F_SETOWN:
        return set_owner(*f, FileOwner{F_OWNER_PID, static_cast<int>(arg)});
    case F_GETOWN: {
        FileOwner o = f->owner();
        return o.type == F_OWNER_PGRP ? -o.id : o.id;
    }
    case F_SETOWN_EX: {
        struct f_owner_ex ex = TRY(copy_from_user(UserPtr<const struct f_owner_ex>(arg)));
        if (ex.type != F_OWNER_TID && ex.type != F_OWNER_PID && ex.type != F_OWNER_PGRP) return Error(EINVAL);
        if (ex.pid < 0) return Error(EINVAL);
        return set_owner(*f, FileOwner{ex.type, ex.pid});
    }
    case F_GETOWN_EX: {
        FileOwner o = f->owner();
        struct f_owner_ex ex{o.type, o.id};
        TRY(copy_to_user(UserPtr<struct f_owner_ex>(arg), ex));
        return 0;
    }
    case F_SETSIG:
        if (arg > 64) return Error(EINVAL);   // linux: !valid_signal(arg)
        f->set_async_signal(static_cast<int>(arg));
        return 0;
    case F_GETSIG:
        return f->async_signal();
    case F_ADD_SEALS:
    case F_GET_SEALS:
        return TRY(file_seals_fcntl(*f, cmd, arg));
    default:
        // LINUX-DIVERGENCE: F_SETLEASE, F_NOTIFY and the write-hint commands: EINVAL.
        return Error(EINVAL);
    }
}

SyscallResult sys_close_range(u32 first, u32 last, Flags flags) {
    if (flags.value & ~u64(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC)) return Error(EINVAL);
    if (first > last) return Error(EINVAL);
    Process* p = current_process();
    if ((flags.value & CLOSE_RANGE_UNSHARE) && p->fds->ref_count() > 1) {
        // LINUX-DIVERGENCE: descriptor tables are per process here, so a table shared with
        // another process (CLONE_FILES) is copied only when this process has a single thread.
        if (p->live_threads <= 1) p->fds = TRY(p->fds->clone());
    }
    if (flags.value & CLOSE_RANGE_CLOEXEC) {
        p->fds->close_range(first, last, true);
        return 0;
    }
    if (file_locks_held_by(p)) {
        int hi = p->fds->highest_fd();
        for (i64 fd = first; fd <= hi && fd <= i64(last); fd++) {
            auto f = p->fds->get(static_cast<int>(fd));
            if (f.is_ok()) fd_closed_file(*f.value());
        }
    }
    p->fds->close_range(first, last, false);
    file_locks_collect();
    return 0;
}

SyscallResult sys_flock(Fd fd, u32 operation) {
    // linux: LOCK_MAND requests are ignored (and succeed) since 5.19.
    if (operation & LOCK_MAND) return 0;
    short type;
    switch (operation & ~u32(LOCK_NB)) {
    case LOCK_SH: type = F_RDLCK; break;
    case LOCK_EX: type = F_WRLCK; break;
    case LOCK_UN: type = F_UNLCK; break;
    default: return Error(EINVAL);
    }
    RefPtr<File> f = TRY(fd_file(fd));
    if (type != F_UNLCK && !f->readable() && !f->writable()) return Error(EBADF);
    TRY(flock_apply(*f, type, !(operation & LOCK_NB)));
    return 0;
}
