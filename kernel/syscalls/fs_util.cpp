// SPDX-License-Identifier: MIT
#include "syscalls/fs_util.h"

#include "abi/linux/uapi.h"
#include "core/fd_table.h"
#include "core/process.h"
#include "fs/vfs/file.h"

Result<Path> dirfd_base(int dirfd, StringView path) {
    Process* p = current_process();
    if (dirfd == AT_FDCWD || (path.length() && path[0] == '/')) return p->fs->cwd();
    RefPtr<File> f = TRY(p->fds->get(dirfd));
    if (!f->inode().is_dir()) return Error(ENOTDIR);
    return f->path();
}

WalkContext walk_context(const Path& base) {
    Process* p = current_process();
    return WalkContext{p->fs->root(), base, p->creds};
}
