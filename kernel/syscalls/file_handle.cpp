// SPDX-License-Identifier: MIT
// name_to_handle_at(2): a file's handle (what its file system's encode_file_handle writes) and the
// id of the mount it was found on. systemd uses it for cgroup ids and to tell mount points apart.
// LINUX-DIVERGENCE: open_by_handle_at is not implemented (ENOSYS): handles identify files but
// cannot be opened. linux: fs/fhandle.c do_sys_name_to_handle().
#include "abi/linux/fs_abi.h"
#include "abi/linux/uapi.h"
#include "fs/vfs/mount.h"
#include "syscalls/fs_common.h"
#include "syscalls/handlers.h"

SyscallResult sys_name_to_handle_at(int dirfd, UserCString upath, UserPtr<void> uhandle, UserPtr<int> mount_id,
                                    int flags) {
    if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH)) return Error(EINVAL);
    UserPath path;
    TRY(path.copy(upath, flags & AT_EMPTY_PATH));
    AtTarget t = TRY(resolve_at(dirfd, path.view(), flags & AT_EMPTY_PATH, flags & AT_SYMLINK_FOLLOW));
    Inode& inode = t.inode();
    u32 fh[kMaxHandleSize / 4] = {};
    u32 dwords = 0;
    // The probe with no room tells whether the file system exports handles at all.
    TRY(inode.sb().encode_file_handle(inode, fh, dwords));
    LinuxFileHandleHeader h;
    TRY(copy_from_user(&h, uhandle.addr(), sizeof(h)));
    if (h.handle_bytes > kMaxHandleSize) return Error(EINVAL);
    u32 want = h.handle_bytes;
    dwords = want / 4;
    u32 type = TRY(inode.sb().encode_file_handle(inode, fh, dwords));
    LinuxFileHandleHeader out{dwords * 4, static_cast<i32>(type)};
    // Too small: the header says how much room the handle needs, and no handle bytes are copied.
    bool fits = type != kFileidInvalid && out.handle_bytes <= want;
    const Mount* mnt = t.mount();
    TRY(copy_to_user(mount_id, mnt ? static_cast<int>(mnt->id()) : 0));
    TRY(copy_to_user(uhandle.addr(), &out, sizeof(out)));
    if (!fits) return Error(EOVERFLOW);
    TRY(copy_to_user(uhandle.addr() + sizeof(out), fh, out.handle_bytes));
    return 0;
}
