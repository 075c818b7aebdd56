// SPDX-License-Identifier: MIT
// Attribute operations: chmod, chown, utimensat, truncate, access, readlink, and the unchecked
// setattr that kernel code (initramfs) uses. linux: fs/open.c, fs/attr.c setattr_prepare(),
// fs/utimes.c.
#include "abi/linux/fs_abi.h"
#include "abi/linux/uapi.h"
#include "fs/notify/fsnotify.h"
#include "fs/vfs/path.h"
#include "core/file_write_rules.h"
#include "fs/vfs/permission.h"
#include "fs/vfs/vfs_ops.h"
#include "mm/kheap.h"

namespace {

constexpr u32 kNoChange = 0xffffffffu;

Result<void> writable_mount(const Mount* mnt) {
    if (mnt && mnt->read_only()) return Error(EROFS);
    return {};
}

Result<void> setattr_locked(Inode& inode, const SetAttr& attr) {
    MutexGuard g(inode.lock());
    if ((attr.mask & SetAttr::kSize) && inode.is_reg() && attr.size > inode.size())
        TRY(file_size_limit_check(attr.size));
    SetAttr a = attr;
    // linux: do_truncate(): like a write, a size change by a caller without CAP_FSETID drops
    // the set-ID bits (dentry_needs_remove_privs), even when the size stays.
    if ((a.mask & SetAttr::kSize) && inode.is_reg() && !(a.mask & SetAttr::kMode)) {
        u32 mode = inode.mode() & 07777;
        if (u32 kept = file_mode_after_write(mode); kept != mode) {
            a.mask |= SetAttr::kMode;
            a.mode = kept;
        }
    }
    if ((a.mask & SetAttr::kSize) && a.size != inode.size() && !(a.mask & (SetAttr::kMtime | SetAttr::kCtime))) {
        Timespec now = realtime_now();
        a.mask |= SetAttr::kMtime | SetAttr::kCtime;
        a.mtime = a.ctime = now;
    }
    return inode.setattr(a);
}

Result<u32> chown_locked(const Credentials& creds, Inode& inode, const Mount* mnt, u32 uid, u32 gid) {
    TRY(writable_mount(mnt));
    MutexGuard g(inode.lock());
    bool owner = creds.fsuid == inode.uid();
    // linux: chown_ok()/chgrp_ok(): only CAP_CHOWN changes the owner; the owner may change the
    // group to one it belongs to.
    bool cap = creds.has_cap(CAP_CHOWN);
    if (uid != kNoChange && !cap && !(owner && uid == inode.uid())) return Error(EPERM);
    if (gid != kNoChange && !cap && !(owner && (gid == inode.gid() || creds.in_group(gid)))) return Error(EPERM);
    SetAttr a;
    a.mask = SetAttr::kCtime;
    a.ctime = realtime_now();
    if (uid != kNoChange) {
        a.mask |= SetAttr::kUid;
        a.uid = uid;
    }
    if (gid != kNoChange) {
        a.mask |= SetAttr::kGid;
        a.gid = gid;
    }
    // linux: chown_common() kills set-user-ID (and set-group-ID on group-executable files) for
    // anything but a directory, whoever asks.
    u32 mode = inode.mode();
    if (!S_ISDIR(mode)) {
        u32 m = mode & 07777;
        if (m & S_ISUID) m &= ~S_ISUID;
        if ((m & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP)) m &= ~S_ISGID;
        if (m != (mode & 07777)) {
            a.mask |= SetAttr::kMode;
            a.mode = m;
        }
    }
    TRY(inode.setattr(a));
    return a.mask;
}

}  // namespace

Result<void> vfs_setattr(Inode& inode, const SetAttr& attr, Dentry* notify) {
    TRY(setattr_locked(inode, attr));
    fsnotify_change(notify, attr.mask);
    return {};
}

Result<void> vfs_chmod(const Credentials& creds, Inode& inode, const Mount* mnt, u32 mode, Dentry* notify) {
    TRY(writable_mount(mnt));
    if (!inode_owner_or_capable(creds, inode)) return Error(EPERM);
    u32 m = mode & 07777;
    // linux: setattr_prepare(): set-group-ID survives only for members of the file's group or
    // with CAP_FSETID.
    if (!creds.in_group(inode.gid()) && !creds.has_cap(CAP_FSETID)) m &= ~S_ISGID;
    SetAttr a;
    a.mask = SetAttr::kMode | SetAttr::kCtime;
    a.mode = m;
    a.ctime = realtime_now();
    return vfs_setattr(inode, a, notify);
}

Result<void> vfs_chown(const Credentials& creds, Inode& inode, const Mount* mnt, u32 uid, u32 gid, Dentry* notify) {
    u32 mask = TRY(chown_locked(creds, inode, mnt, uid, gid));
    fsnotify_change(notify, mask);
    return {};
}

Result<void> vfs_utimens(const Credentials& creds, Inode& inode, const Mount* mnt, const Timespec* times,
                         Dentry* notify) {
    bool explicit_time = false;
    if (times) {
        for (int i = 0; i < 2; i++) {
            i64 ns = times[i].nsec;
            if (ns == kUtimeNow || ns == kUtimeOmit) continue;
            if (ns < 0 || ns >= 1'000'000'000) return Error(EINVAL);
            explicit_time = true;
        }
        if (times[0].nsec == kUtimeOmit && times[1].nsec == kUtimeOmit) return {};
    }
    TRY(writable_mount(mnt));
    // linux: setattr_prepare(): setting explicit times needs ownership; "touch" (now) is also
    // allowed to anyone who may write the file.
    if (!inode_owner_or_capable(creds, inode)) {
        if (explicit_time) return Error(EPERM);
        TRY(inode_permission(creds, inode, kMayWrite));
    }
    Timespec now = realtime_now();
    SetAttr a;
    a.mask = SetAttr::kCtime;
    a.ctime = now;
    for (int i = 0; i < 2; i++) {
        Timespec t = times ? times[i] : Timespec{0, kUtimeNow};
        if (t.nsec == kUtimeOmit) continue;
        if (t.nsec == kUtimeNow) t = now;
        if (i == 0) {
            a.mask |= SetAttr::kAtime;
            a.atime = t;
        } else {
            a.mask |= SetAttr::kMtime;
            a.mtime = t;
        }
    }
    return vfs_setattr(inode, a, notify);
}

Result<void> vfs_truncate(const Credentials& creds, Inode& inode, const Mount* mnt, u64 size, Dentry* notify) {
    if (size > u64(kMaxFileSize)) return Error(EINVAL);
    if (inode.is_dir()) return Error(EISDIR);
    if (!inode.is_reg()) return Error(EINVAL);
    TRY(writable_mount(mnt));
    TRY(inode_permission(creds, inode, kMayWrite));
    SetAttr a;
    a.mask = SetAttr::kSize;
    a.size = size;
    return vfs_setattr(inode, a, notify);
}

Result<void> vfs_access(const Credentials& creds, const Inode& inode, const Mount* mnt, int mask) {
    if (mask & ~(kMayRead | kMayWrite | kMayExec)) return Error(EINVAL);
    if ((mask & kMayWrite) && (inode.is_reg() || inode.is_dir() || inode.is_symlink())) TRY(writable_mount(mnt));
    return inode_permission(creds, inode, mask);
}

Result<usize> vfs_readlink_inode(Inode& inode, const IoBuffer& buf) {
    if (!inode.is_symlink()) return Error(EINVAL);
    auto* tmp = static_cast<char*>(kmalloc(kPathMax));
    if (!tmp) return Error(ENOMEM);
    auto n = inode.readlink(tmp, kPathMax);
    if (n.is_error()) {
        kfree(tmp);
        return n.error();
    }
    usize len = min(n.value(), buf.size());
    auto w = buf.write_at(0, tmp, len);
    kfree(tmp);
    if (w.is_error()) return w.error();
    return len;
}

Result<usize> vfs_readlink(const WalkContext& ctx, StringView path, const IoBuffer& buf) {
    Path p = TRY(resolve(ctx, path, 0));
    return vfs_readlink_inode(*p.inode(), buf);
}
