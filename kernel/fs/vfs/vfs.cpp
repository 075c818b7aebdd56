// SPDX-License-Identifier: MIT
#include "fs/vfs/vfs.h"

#include <atomic>

#include "abi/linux/fs_abi.h"
#include "abi/linux/uapi.h"
#include "core/log.h"
#include "fs/devfs/chardev.h"
#include "fs/devfs/devtmpfs.h"
#include "fs/tmpfs/tmpfs.h"
#include "fs/vfs/late_init.h"
#include "fs/vfs/vfs_ops.h"

namespace {

constexpr usize kMaxTypes = 16;
// Append-only, published by the count (registrations happen at boot).
constinit const FileSystemType* g_types[kMaxTypes] = {};
constinit std::atomic<usize> g_type_count{0};
constinit Credentials g_kernel_creds{};   // all ids 0: root
LateInit<Path> g_root;

// Flags that belong to a mount (the rest of mount(2)'s flags are requests).
constexpr u64 kAtimeFlags = MS_NOATIME | MS_NODIRATIME | MS_RELATIME | MS_STRICTATIME;
constexpr u64 kPerMountFlags = MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC | MS_NOATIME | MS_NODIRATIME |
                               MS_RELATIME | MS_STRICTATIME;
constexpr u64 kPropagationFlags = MS_SHARED | MS_PRIVATE | MS_SLAVE | MS_UNBINDABLE;

}  // namespace

Result<void> register_filesystem(const FileSystemType& type) {
    usize n = g_type_count.load(std::memory_order_acquire);
    for (usize i = 0; i < n; i++)
        if (StringView(g_types[i]->name) == StringView(type.name)) return Error(EEXIST);
    if (n == kMaxTypes) return Error(ENOSPC);
    g_types[n] = &type;
    g_type_count.store(n + 1, std::memory_order_release);
    return {};
}

const FileSystemType* find_filesystem(StringView name) {
    usize n = g_type_count.load(std::memory_order_acquire);
    for (usize i = 0; i < n; i++)
        if (StringView(g_types[i]->name) == name) return g_types[i];
    return nullptr;
}

void filesystem_for_each(void (*fn)(void* ctx, const FileSystemType& t), void* ctx) {
    usize n = g_type_count.load(std::memory_order_acquire);
    for (usize i = 0; i < n; i++) fn(ctx, *g_types[i]);
}

const Credentials& kernel_credentials() { return g_kernel_creds; }

Path vfs_root() { return g_root.get(); }

WalkContext kernel_walk_context() { return WalkContext{vfs_root(), vfs_root(), g_kernel_creds}; }

void vfs_init() {
    dcache_init();
    mount_table_init();
    vfs_ops_init();
    MUST(register_filesystem(tmpfs_type()));
    MUST(register_filesystem(devtmpfs_type()));
    devfs_init();
    // Boot: without a root file system nothing can run; failure here is fatal.
    // Linux names the initramfs root "rootfs" (a tmpfs all the same): systemd treats a "tmpfs" as an
    // API file system it must leave alone, "rootfs" as the root it remounts read-only at shutdown.
    auto sb = MUST(TmpfsSuperBlock::create("rootfs", "mode=0755"));
    auto mnt = MUST(mount_create_root(RefPtr<SuperBlock>(std::move(sb)), "rootfs", 0));
    RefPtr<Dentry> root(mnt->root());
    g_root.init(Path{std::move(mnt), std::move(root)});
    log_info("vfs: tmpfs mounted at /; devices: null zero full random urandom");
}

Result<void> vfs_mount(const WalkContext& ctx, StringView source, StringView target, const char* fstype, u64 flags,
                       const char* data) {
    // linux: do_mount(): the historical magic in the top 16 bits is ignored.
    if ((flags & 0xffff0000u) == 0xC0ED0000u) flags &= ~u64(0xffff0000u);
    if (!ctx.creds.has_cap(CAP_SYS_ADMIN)) return Error(EPERM);
    Path at = TRY(resolve(ctx, target, kWalkFollow));
    if (!at.mnt) return Error(EINVAL);
    if (flags & MS_REMOUNT) {
        if (at.dentry.ptr() != at.mnt->root()) return Error(EINVAL);
        if (!(flags & MS_BIND)) TRY(at.mnt->sb().remount(data));
        // linux: path_mount(): a remount naming no access-time mode keeps the current one.
        u64 keep = kPerMountFlags;
        if (!(flags & kAtimeFlags)) keep &= ~kAtimeFlags;
        // Without MS_BIND the file system itself changes (linux: reconfigure_super).
        if (!(flags & MS_BIND)) TRY(at.mnt->sb().remount(flags & MS_RDONLY));
        at.mnt->set_flags((at.mnt->flags() & ~keep) | (flags & keep));
        mount_table_changed();
        return {};
    }
    if (flags & MS_BIND) {
        Path src = TRY(resolve(ctx, source, kWalkFollow));
        if (!src.mnt) return Error(EINVAL);
        if (src.inode()->is_dir() != at.inode()->is_dir()) return Error(at.inode()->is_dir() ? ENOTDIR : EISDIR);
        RefPtr<SuperBlock> sb(&src.mnt->sb());
        // linux: do_loopback(): the new mount copies the source mount's flags; mount(2)'s
        // flags only matter to a later MS_BIND|MS_REMOUNT.
        TRY(mount_attach(at, std::move(sb), src.dentry, src.mnt->source(), src.mnt->flags() & kPerMountFlags));
        return {};
    }
    // Propagation types (mount --make-private...): Aramid has no propagation, so every mount is
    // already private; accepting the request keeps init scripts happy.
    if (flags & kPropagationFlags) return {};
    if (flags & MS_MOVE) {
        // linux: do_move_mount_old(): the source must be the root of a mount.
        Path src = TRY(resolve(ctx, source, kWalkFollow));
        if (!src.mnt || src.dentry != src.mnt->root()) return Error(EINVAL);
        return mount_move(*src.mnt, at);
    }
    if (!fstype) return Error(EINVAL);
    const FileSystemType* type = find_filesystem(StringView(fstype));
    if (!type) return Error(ENODEV);
    if (!at.inode()->is_dir()) return Error(ENOTDIR);
    RefPtr<SuperBlock> sb;
    if (type->mount_bdev) {
        // linux: lookup_bdev(): the source names a block special file.
        if (source.empty()) return Error(ENOENT);
        Path src = TRY(resolve(ctx, source, kWalkFollow));
        if (!S_ISBLK(src.inode()->mode())) return Error(ENOTBLK);
        sb = TRY(type->mount_bdev(src.inode()->rdev(), flags, data));
    } else {
        sb = TRY(type->mount(source, flags, data));
    }
    if (sb->forced_read_only()) flags |= MS_RDONLY;
    // linux: do_add_mount(): the same file system again on its own root (a shared superblock
    // such as devpts's or cgroup2's) is refused, after the options were applied.
    if (&at.mnt->sb() == sb.ptr() && at.dentry.ptr() == at.mnt->root()) return Error(EBUSY);
    TRY(mount_attach(at, std::move(sb), nullptr, source.empty() ? StringView(fstype) : source, flags & kPerMountFlags));
    return {};
}

Result<void> vfs_mount(const char* fstype, StringView target, u64 flags, const char* data) {
    WalkContext ctx = kernel_walk_context();
    return vfs_mount(ctx, StringView(fstype), target, fstype, flags, data);
}

Result<void> vfs_umount(const WalkContext& ctx, StringView target, int flags) {
    if (flags & ~(kMntForce | kMntDetach | kMntExpire | kUmountNoFollow)) return Error(EINVAL);
    if ((flags & kMntExpire) && (flags & (kMntForce | kMntDetach))) return Error(EINVAL);
    if (!ctx.creds.has_cap(CAP_SYS_ADMIN)) return Error(EPERM);
    Path p = TRY(resolve(ctx, target, (flags & kUmountNoFollow) ? 0 : kWalkFollow));
    // linux: path_mountpoint() ends with handle_lookup_down(): a mount stacked on the last
    // component is the one meant, even when that is "." (umount2(".") after pivot_root(".", ".")).
    path_cross_mounts(p);
    if (!p.mnt || p.dentry.ptr() != p.mnt->root()) return Error(EINVAL);
    if (flags & kMntExpire) return Error(EAGAIN);   // never "expired" on the first call
    // linux: generic_shutdown_super() syncs; doing it before the detach keeps the file system's
    // own teardown short. A failure is the file system's to log, as Linux's.
    (void)p.mnt->sb().sync();
    // The walk context's own paths may sit inside the mount: those count as users (as a cwd in
    // it makes Linux's umount busy). Only our resolved path is discounted.
    return mount_detach(*p.mnt, 1, flags & kMntDetach);
}

Result<void> vfs_umount(StringView target, int flags) {
    WalkContext ctx = kernel_walk_context();
    return vfs_umount(ctx, target, flags);
}
