// SPDX-License-Identifier: MIT
// pivot_root(2) (linux: fs/namespace.c). Aramid has one mount tree (no mount namespaces), so the
// move is the one Linux makes in the caller's namespace: new_root's mount takes the place of the
// caller's root mount, which is attached at put_old, and every process whose root or working
// directory was the old root moves to the new one (chroot_fs_refs). The checks and their order
// are Linux's: EPERM without CAP_SYS_ADMIN, the two lookups, then EINVAL/ENOENT/EBUSY.
#include "abi/linux/uapi.h"
#include "core/credentials.h"
#include "core/fd_table.h"
#include "core/process.h"
#include "core/process_table.h"
#include "fs/vfs/mount.h"
#include "fs/vfs/walk.h"
#include "mm/kheap.h"
#include "syscalls/fs_common.h"
#include "syscalls/fs_util.h"
#include "syscalls/handlers.h"

namespace {

Result<Path> lookup_dir(UserCString upath) {
    UserPath path;
    TRY(path.copy(upath));
    Path base = TRY(dirfd_base(AT_FDCWD, path.view()));
    return resolve(walk_context(base), path.view(), kWalkFollow | kWalkDirectory);
}

// linux: chroot_fs_refs(): roots and working directories at old go to new. The contexts are
// collected under the tree lock and changed after it (dropping a Path may free a mount).
void move_fs_refs(const Path& old, const Path& now) {
    usize cap = 0;
    RefPtr<FsContext>* list = nullptr;
    for (;;) {
        usize n = 0;
        {
            SpinlockGuard g(g_process_tree_lock);
            for_each_process_locked([&](Process& p) {
                if (!p.fs) return;
                if (n < cap) {
                    new (&list[n]) RefPtr<FsContext>(p.fs);
                }
                n++;
            });
        }
        if (n <= cap) {
            for (usize i = 0; i < n; i++) {
                FsContext& fs = *list[i];
                if (fs.root() == old) fs.set_root(now);
                if (fs.cwd() == old) fs.set_cwd(now);
                list[i].~RefPtr<FsContext>();
            }
            kfree(list);
            return;
        }
        for (usize i = 0; i < min(n, cap); i++) list[i].~RefPtr<FsContext>();
        kfree(list);
        cap = n + 16;
        list = static_cast<RefPtr<FsContext>*>(kzalloc(cap * sizeof(RefPtr<FsContext>)));
        if (!list) return;
    }
}

}  // namespace

SyscallResult sys_pivot_root(UserCString new_root, UserCString put_old) {
    if (!capable(CAP_SYS_ADMIN)) return Error(EPERM);   // linux: may_mount()
    Path nw = TRY(lookup_dir(new_root));
    Path old = TRY(lookup_dir(put_old));
    Path root = current_process()->fs->root();
    Mount* root_mnt = root.mnt.ptr();
    Mount* new_mnt = nw.mnt.ptr();
    if (!root_mnt || !new_mnt || !old.mnt) return Error(EINVAL);
    if (!root_mnt->attached() || !new_mnt->attached()) return Error(EINVAL);
    if (nw.dentry.ptr() != new_mnt->root() && !nw.dentry->is_hashed()) return Error(ENOENT);
    if (new_mnt == root_mnt || old.mnt.ptr() == root_mnt) return Error(EBUSY);
    if (root.dentry.ptr() != root_mnt->root() || !root_mnt->parent()) return Error(EINVAL);
    if (nw.dentry.ptr() != new_mnt->root() || !new_mnt->parent()) return Error(EINVAL);
    if (!mount_path_reachable(old, nw)) return Error(EINVAL);
    if (!mount_path_reachable(nw, root)) return Error(EINVAL);
    TRY(mount_pivot(*new_mnt, *root_mnt, old));
    move_fs_refs(root, Path{nw.mnt, nw.dentry});
    return 0;
}
