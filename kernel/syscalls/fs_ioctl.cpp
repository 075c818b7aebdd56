// SPDX-License-Identifier: MIT
// ioctl(2): the commands the VFS answers for every file (linux: fs/ioctl.c do_vfs_ioctl()):
// FIOCLEX, FIONCLEX, FIONBIO, FIOASYNC, FIOQSIZE, FIGETBSZ, and FIONREAD for regular files.
// Everything else goes to the file's own ioctl (ENOTTY by default).
#include "abi/linux/uapi.h"
#include "core/fd_table.h"
#include "core/process.h"
#include "syscalls/fs_common.h"
#include "syscalls/handlers.h"

namespace {

Result<int> get_int(u64 arg) { return copy_from_user(UserPtr<const int>(arg)); }

Result<void> put_int(u64 arg, int v) { return copy_to_user(UserPtr<int>(arg), v); }

}  // namespace

SyscallResult sys_ioctl(Fd fd, u32 cmd, u64 arg) {
    RefPtr<File> f = TRY(fd_file(fd));
    Inode& inode = f->inode();
    switch (cmd) {
    case FIOCLEX:
    case FIONCLEX:
        TRY(current_process()->fds->set_cloexec(fd, cmd == FIOCLEX));
        return 0;
    case FIONBIO: {
        int on = TRY(get_int(arg));
        u32 fl = f->flags();
        f->set_status_flags(on ? fl | O_NONBLOCK : fl & ~u32(O_NONBLOCK));
        return 0;
    }
    case FIOASYNC: {
        // linux: ioctl_fioasync(): only a change needs the file's fasync support (ENOTTY
        // without it).
        int on = TRY(get_int(arg));
        u32 fl = f->flags();
        if (bool(on) == bool(fl & FASYNC)) return 0;
        if (!file_supports_fasync(*f)) return Error(ENOTTY);
        f->set_status_flags(on ? fl | FASYNC : fl & ~u32(FASYNC));
        f->update_async(fd);
        return 0;
    }
    case FIOQSIZE:
        if (inode.is_dir() || inode.is_reg() || inode.is_symlink()) {
            i64 bytes = static_cast<i64>(inode.blocks() * 512);   // linux: inode_get_bytes()
            TRY(copy_to_user(UserPtr<i64>(arg), bytes));
            return 0;
        }
        break;
    case FIGETBSZ: {
        FsStats st;
        inode.sb().statfs(st);
        TRY(put_int(arg, static_cast<int>(st.bsize)));
        return 0;
    }
    case FIONREAD:
        if (inode.is_reg()) {
            // linux: the bytes from the file offset to the end (negative past the end).
            TRY(put_int(arg, static_cast<int>(static_cast<i64>(inode.size()) - static_cast<i64>(f->offset()))));
            return 0;
        }
        break;
    default:
        break;
    }
    return TRY(f->ioctl(cmd, static_cast<uptr>(arg)));
}
