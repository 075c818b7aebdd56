// SPDX-License-Identifier: MIT
#include "fs/vfs/inode.h"

#include "abi/linux/uapi.h"
#include "core/log.h"
#include "drivers/block/block_file.h"
#include "fs/devfs/chardev.h"
#include "fs/notify/fsnotify.h"
#include "fs/vfs/dentry.h"
#include "fs/vfs/file.h"

#include <utility>

// The open of an S_IFIFO inode, from fs/pipe (fifo.cpp). Weak, so the VFS links without it.
[[gnu::weak]] Result<void> fifo_open(File& file);

Inode::Inode(SuperBlock& sb, u64 ino, u32 mode) : m_sb(&sb), m_ino(ino), m_mode(mode) {}

Inode::~Inode() = default;

u32 Inode::type() const { return mode() & S_IFMT; }
bool Inode::is_symlink() const { return S_ISLNK(mode()); }

void Inode::set_mode_bits(u32 perm) {
    m_mode.store((mode() & S_IFMT) | (perm & 07777), std::memory_order_relaxed);
}

void Inode::dec_nlink() {
    u32 old = m_nlink.fetch_sub(1, std::memory_order_relaxed);
    VERIFY(old != 0);
}

void Inode::touch_mtime_ctime() {
    Timespec now = realtime_now();
    set_mtime(now);
    set_ctime(now);
}

void Inode::touch_ctime() { set_ctime(realtime_now()); }

void Inode::init_new_inode(const Credentials& creds, const Inode* dir) {
    u32 m = mode();
    u32 gid = creds.fsgid;
    if (dir && (dir->mode() & S_ISGID)) {
        // linux: inode_init_owner(): BSD group semantics in set-group-ID directories.
        gid = dir->gid();
        if (S_ISDIR(m)) m |= S_ISGID;
    }
    // linux: mode_strip_sgid(): only a member or CAP_FSETID may create set-group-ID executables.
    if (!S_ISDIR(m) && (m & (S_ISGID | S_IXGRP)) == (S_ISGID | S_IXGRP) && !creds.in_group(gid) &&
        !creds.has_cap(CAP_FSETID))
        m &= ~S_ISGID;
    m_mode.store(m, std::memory_order_relaxed);
    set_uid(creds.fsuid);
    set_gid(gid);
    Timespec now = realtime_now();
    set_atime(now);
    set_mtime(now);
    set_ctime(now);
}

// Defaults: the errno Linux gives when the operation does not apply.

Result<RefPtr<Inode>> Inode::lookup(StringView) { return Error(ENOTDIR); }

Result<RefPtr<Inode>> Inode::create(StringView, u32, const Credentials&) {
    return Error(is_dir() ? EACCES : ENOTDIR);
}

Result<RefPtr<Inode>> Inode::mkdir(StringView, u32, const Credentials&) { return Error(is_dir() ? EPERM : ENOTDIR); }

Result<RefPtr<Inode>> Inode::mknod(StringView, u32, DevId, const Credentials&) {
    return Error(is_dir() ? EPERM : ENOTDIR);
}

Result<RefPtr<Inode>> Inode::symlink(StringView, StringView, const Credentials&) {
    return Error(is_dir() ? EPERM : ENOTDIR);
}

Result<void> Inode::link(StringView, Inode&) { return Error(is_dir() ? EPERM : ENOTDIR); }
Result<void> Inode::unlink(StringView, Inode&) { return Error(is_dir() ? EPERM : ENOTDIR); }
Result<void> Inode::rmdir(StringView, Inode&) { return Error(is_dir() ? EPERM : ENOTDIR); }
Result<void> Inode::rename(StringView, Inode&, StringView, unsigned) { return Error(is_dir() ? EPERM : ENOTDIR); }
Result<void> Inode::iterate(u64&, DirSink&) { return Error(ENOTDIR); }
Result<usize> Inode::readlink(char*, usize) { return Error(EINVAL); }
Result<usize> Inode::read(const IoBuffer&, u64) { return Error(is_dir() ? EISDIR : EINVAL); }
Result<usize> Inode::write(const IoBuffer&, u64) { return Error(is_dir() ? EISDIR : EINVAL); }
Result<Path> Inode::magic_link() { return Error(EINVAL); }

Result<RefPtr<Inode>> Inode::tmpfile(u32, const Credentials&) { return Error(is_dir() ? EOPNOTSUPP : ENOTDIR); }

Result<void> Inode::truncate(u64) { return Error(is_dir() ? EISDIR : EINVAL); }

Result<void> Inode::fsync(bool) { return {}; }



Result<void> Inode::setattr(const SetAttr& a) {
    if (a.mask & SetAttr::kSize) TRY(truncate(a.size));
    if (a.mask & SetAttr::kMode) set_mode_bits(a.mode);
    if (a.mask & SetAttr::kUid) set_uid(a.uid);
    if (a.mask & SetAttr::kGid) set_gid(a.gid);
    if (a.mask & SetAttr::kAtime) set_atime(a.atime);
    if (a.mask & SetAttr::kMtime) set_mtime(a.mtime);
    if (a.mask & SetAttr::kCtime) set_ctime(a.ctime);
    return {};
}

Result<void> Inode::open(File& file) {
    switch (type()) {
    case S_IFREG:
        file.set_ops(regular_file_ops());
        return {};
    case S_IFDIR:
        file.set_ops(directory_ops());
        return {};
    case S_IFCHR:
        return chardev_open(file, rdev());
    case S_IFBLK:
        return blockdev_open(file, rdev());
    case S_IFIFO:
        if (fifo_open) return fifo_open(file);
        return Error(ENXIO);
    default:
        // Sockets are opened by socket(2), not open(2).
        return Error(ENXIO);
    }
}

// --- SuperBlock ---------------------------------------------------------------------------------

SuperBlock::SuperBlock(const char* fs_name, DevId dev) : m_fs_name(fs_name), m_dev(dev) {}

SuperBlock::~SuperBlock() { drop_root(); }

void SuperBlock::drop_root() {
    if (!m_root) return;
    // Normally shut down at umount; a superblock that never was mounted is pruned here.
    if (cache_enabled()) shutdown();
    if (m_root->ref_count() != 1)
        log_warn("vfs: %s superblock freed while its root dentry is in use (%u refs)", m_fs_name,
                 m_root->ref_count());
    m_root = nullptr;
}

void SuperBlock::statfs(FsStats& out) { out = FsStats{}; }

void SuperBlock::shutdown() {
    m_cache_enabled.store(false, std::memory_order_release);
    fsnotify_sb_shutdown(*this);
    if (m_root) dcache_prune(*m_root);
}

Result<void> SuperBlock::make_root(RefPtr<Inode> root_inode) {
    VERIFY(!m_root);
    m_root = TRY(Dentry::make_root(std::move(root_inode)));
    return {};
}

DevId SuperBlock::alloc_anon_dev() {
    // linux: get_anon_bdev() numbers from 1 (0:0 is "no device").
    static constinit std::atomic<u32> next{1};
    return make_dev(0, next.fetch_add(1, std::memory_order_relaxed));
}

RefPtr<Dentry> SuperBlock::root_ref() const { return m_root; }

u32 put_file_handle(const u32* words, u32 n, u32 type, u32* fh, u32& dwords) {
    bool fits = dwords >= n;
    dwords = n;
    if (!fits) return kFileidInvalid;
    for (u32 i = 0; i < n; i++) fh[i] = words[i];
    return type;
}
