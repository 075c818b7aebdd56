// SPDX-License-Identifier: MIT
// VFS entry points: boot-time setup (a tmpfs root mounted at "/"), the registry of file-system
// types ("tmpfs", "devtmpfs"; later "proc", "sysfs"...), and mount/umount as the syscall layer
// and the kernel call them.
#pragma once

#include "fs/vfs/walk.h"

// A file-system type: mount() makes (or finds) a superblock for a new mount.
struct FileSystemType {
    const char* name;
    // source: mount(2)'s source string; flags: MS_*; data: the option string (may be null).
    Result<RefPtr<SuperBlock>> (*mount)(StringView source, u64 flags, const char* data);
    bool needs_device;   // "nodev" in /proc/filesystems when false
    // For disk file systems: mount(2)'s source is resolved to a block special file first
    // (ENOTBLK otherwise) and this is called with its device number instead of mount.
    Result<RefPtr<SuperBlock>> (*mount_bdev)(DevId dev, u64 flags, const char* data) = nullptr;
};

// Registers a type (static storage). EEXIST for a duplicate name, ENOSPC when the table is full.
Result<void> register_filesystem(const FileSystemType& type);
const FileSystemType* find_filesystem(StringView name);
// For /proc/filesystems.
void filesystem_for_each(void (*fn)(void* ctx, const FileSystemType& t), void* ctx);

// Boot: the dentry cache, the mount table, the built-in file systems and devices, and a tmpfs
// mounted at "/". After sched_init (the VFS sleeps on mutexes).
void vfs_init();
// The root of the mount tree ("/").
Path vfs_root();
// root credentials, root and cwd at "/": the context for kernel-initiated walks.
const Credentials& kernel_credentials();
WalkContext kernel_walk_context();

// mount(2): attaches a new instance of fstype (or, with MS_BIND, the tree at source) at target.
// MS_REMOUNT changes the flags of the mount at target. Root only (EPERM); ENODEV for an unknown
// type; ENOTDIR when target is not a directory.
Result<void> vfs_mount(const WalkContext& ctx, StringView source, StringView target, const char* fstype, u64 flags,
                       const char* data);
// Kernel shorthand: root credentials, paths from "/".
Result<void> vfs_mount(const char* fstype, StringView target, u64 flags = 0, const char* data = nullptr);
// umount2(2): flags MNT_DETACH (lazy), MNT_FORCE (accepted, no effect), UMOUNT_NOFOLLOW.
// EINVAL when target is not a mount root, EBUSY when in use (or for "/").
Result<void> vfs_umount(const WalkContext& ctx, StringView target, int flags);
Result<void> vfs_umount(StringView target, int flags = 0);
