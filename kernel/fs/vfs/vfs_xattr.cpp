// SPDX-License-Identifier: MIT
// Extended attributes: permission and name checks in Linux's order, then the inode's store.
#include "fs/vfs/vfs_xattr.h"

#include "abi/linux/uapi.h"
#include "fs/notify/fsnotify.h"
#include "fs/vfs/permission.h"
#include "fs/vfs/xattr_store.h"

namespace {

// linux: xattr_permission().
Result<void> xattr_permission(const Credentials& creds, const Inode& inode, StringView name, int mask) {
    bool write = mask & kMayWrite;
    if (name.starts_with(XATTR_SECURITY_PREFIX) || name.starts_with(XATTR_SYSTEM_PREFIX)) return {};
    if (name.starts_with(XATTR_TRUSTED_PREFIX)) {
        if (!creds.has_cap(CAP_SYS_ADMIN)) return Error(write ? EPERM : ENODATA);
        return {};
    }
    if (name.starts_with(XATTR_USER_PREFIX)) {
        if (!inode.is_reg() && !inode.is_dir()) return Error(write ? EPERM : ENODATA);
        if (inode.is_dir() && (inode.mode() & S_ISVTX) && write && !inode_owner_or_capable(creds, inode))
            return Error(EPERM);
    }
    return inode_permission(creds, inode, mask);
}

// linux: xattr_resolve_name() over tmpfs's handlers (security.*, trusted.*; kernfs adds user.*):
// the store of an inode whose file system has one and knows the namespace.
Result<XattrStore*> store_for(Inode& inode, StringView name) {
    XattrStore* s = inode.xattrs();
    if (!s) return Error(EOPNOTSUPP);
    for (StringView prefix : {StringView(XATTR_SECURITY_PREFIX), StringView(XATTR_TRUSTED_PREFIX),
                              StringView(inode.user_xattrs() ? XATTR_USER_PREFIX : XATTR_SECURITY_PREFIX)}) {
        if (!name.starts_with(prefix)) continue;
        if (name.length() == prefix.length()) return Error(EINVAL);
        return s;
    }
    return Error(EOPNOTSUPP);
}

Result<void> writable(const Mount* mnt) {
    if (mnt && mnt->read_only()) return Error(EROFS);
    return {};
}

bool listed(StringView name, const void* admin) {
    // linux: simple_xattr_list(): trusted.* only for CAP_SYS_ADMIN.
    return *static_cast<const bool*>(admin) || !name.starts_with(XATTR_TRUSTED_PREFIX);
}

}  // namespace

Result<usize> vfs_getxattr(const Credentials& creds, Inode& inode, StringView name, void* value, usize size) {
    TRY(xattr_permission(creds, inode, name, kMayRead));
    XattrStore* s = TRY(store_for(inode, name));
    MutexGuard g(inode.xattr_lock());
    return s->get(name, value, size);
}

Result<void> vfs_setxattr(const Credentials& creds, Inode& inode, const Mount* mnt, StringView name,
                          const void* value, usize size, int flags, Dentry* notify) {
    TRY(writable(mnt));
    TRY(xattr_permission(creds, inode, name, kMayWrite));
    XattrStore* s = TRY(store_for(inode, name));
    {
        MutexGuard g(inode.xattr_lock());
        TRY(s->set(name, value, size, flags));
        inode.touch_ctime();
    }
    fsnotify_xattr(notify);
    return {};
}

Result<usize> vfs_listxattr(const Credentials& creds, Inode& inode, char* list, usize size) {
    XattrStore* s = inode.xattrs();
    if (!s) return 0;   // linux: security_inode_listsecurity() with no LSM labels
    bool admin = creds.has_cap(CAP_SYS_ADMIN);
    MutexGuard g(inode.xattr_lock());
    return s->list(list, size, listed, &admin);
}

Result<void> vfs_removexattr(const Credentials& creds, Inode& inode, const Mount* mnt, StringView name,
                             Dentry* notify) {
    TRY(writable(mnt));
    TRY(xattr_permission(creds, inode, name, kMayWrite));
    XattrStore* s = TRY(store_for(inode, name));
    {
        MutexGuard g(inode.xattr_lock());
        TRY(s->remove(name));
        inode.touch_ctime();
    }
    fsnotify_xattr(notify);
    return {};
}
