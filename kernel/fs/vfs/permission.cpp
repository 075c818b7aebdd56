// SPDX-License-Identifier: MIT
#include "fs/vfs/permission.h"

#include "abi/linux/uapi.h"

Result<void> Inode::permission(const Credentials& creds, int mask) const {
    if (!permission_allows(creds, mode(), uid(), gid(), mask)) return Error(EACCES);
    return {};
}

Result<void> inode_permission(const Credentials& creds, const Inode& inode, int mask) {
    if (!mask) return {};
    return inode.permission(creds, mask);
}

bool inode_owner_or_capable(const Credentials& creds, const Inode& inode) {
    return creds.fsuid == inode.uid() || creds.has_cap(CAP_FOWNER);
}

Result<void> may_create(const Credentials& creds, const Inode& dir) {
    if (dir.is_dead()) return Error(ENOENT);
    return inode_permission(creds, dir, kMayWrite | kMayExec);
}

Result<void> may_delete(const Credentials& creds, const Inode& dir, const Inode& victim) {
    TRY(inode_permission(creds, dir, kMayWrite | kMayExec));
    // linux: check_sticky(): in a sticky directory only the file's owner, the directory's owner
    // or a process with CAP_FOWNER may remove or rename an entry.
    if ((dir.mode() & S_ISVTX) && creds.fsuid != victim.uid() && creds.fsuid != dir.uid() && !creds.has_cap(CAP_FOWNER))
        return Error(EPERM);
    return {};
}
