// SPDX-License-Identifier: MIT
// mount, umount2, statfs, fstatfs and the sync family (sync, syncfs, fsync, fdatasync,
// sync_file_range). linux: fs/namespace.c, fs/statfs.c, fs/sync.c.
#include "abi/linux/fs_abi.h"
#include "abi/linux/uapi.h"
#include "drivers/block/block_file.h"
#include "fs/vfs/path.h"
#include "fs/vfs/stat.h"
#include "fs/vfs/vfs.h"
#include "mm/kheap.h"
#include "syscalls/fs_common.h"
#include "syscalls/fs_util.h"
#include "syscalls/handlers.h"

namespace {

struct KString {
    char* p = nullptr;
    ~KString() { kfree(p); }
};

// linux: copy_mount_string() (strndup_user with PATH_MAX): EFAULT, or EINVAL when too long.
Result<void> copy_mount_string(UserCString s, KString& out) {
    if (s.is_null()) return {};
    out.p = static_cast<char*>(kmalloc(kPathMax));
    if (!out.p) return Error(ENOMEM);
    auto r = copy_string_from_user(out.p, kPathMax, s.addr);
    if (r.is_error()) return Error(r.error_code() == ENAMETOOLONG ? EINVAL : r.error_code());
    return {};
}

// linux: copy_mount_options(): up to a page, as much as is readable (EFAULT only when nothing
// is), always NUL-terminated.
Result<void> copy_mount_options(uptr data, KString& out) {
    if (!data) return {};
    out.p = static_cast<char*>(kzalloc(kPageSize));
    if (!out.p) return Error(ENOMEM);
    usize done = 0;
    while (done < kPageSize) {
        uptr at = data + done;
        usize n = min(kPageSize - done, usize(kPageSize - at % kPageSize));
        if (copy_from_user(out.p + done, at, n).is_error()) break;
        done += n;
    }
    if (done == 0) return Error(EFAULT);
    out.p[kPageSize - 1] = '\0';
    return {};
}

// Whether fsync has something to call: Linux gives EINVAL for files without an fsync operation
// (pipes, sockets, character devices, procfs and sysfs files); memory file systems' files and
// directories have noop_fsync.
bool can_fsync(File& f) {
    Inode& inode = f.inode();
    if (S_ISBLK(inode.mode())) return true;   // linux: blkdev_fsync
    if (!inode.is_reg() && !inode.is_dir()) return false;
    StringView fs(inode.sb().fs_name());
    return !(fs == "proc" || fs == "sysfs");
}

SyscallResult do_fsync(Fd fd, bool datasync) {
    RefPtr<File> f = TRY(fd_file(fd));
    // A block special file: the device behind the node (the inode itself lives in devtmpfs).
    if (f->inode().type() == S_IFBLK) {
        TRY(blockdev_fsync(*f));
        return 0;
    }
    if (!can_fsync(*f)) return Error(EINVAL);
    TRY(f->inode().fsync(datasync));
    return 0;
}

// sync(2): every mounted file system, outside the mount table's lock (syncing sleeps on I/O).
void sync_all_filesystems() {
    constexpr usize kMax = 64;
    struct Collect {
        RefPtr<SuperBlock> sbs[kMax];
        usize n = 0;
    };
    auto* c = new (std::nothrow) Collect;
    if (!c) return;
    mount_for_each(
        [](void* ctx, Mount& m) {
            auto* all = static_cast<Collect*>(ctx);
            for (usize i = 0; i < all->n; i++)
                if (all->sbs[i].ptr() == &m.sb()) return;
            if (all->n < kMax) all->sbs[all->n++] = RefPtr<SuperBlock>(&m.sb());
        },
        c);
    for (usize i = 0; i < c->n; i++) (void)c->sbs[i]->sync();
    delete c;
}

}  // namespace

SyscallResult sys_mount(UserCString source, UserCString target, UserCString fstype, Flags flags,
                        UserPtr<const void> data) {
    KString type, dev, options;
    TRY(copy_mount_string(fstype, type));
    TRY(copy_mount_string(source, dev));
    TRY(copy_mount_options(data.addr(), options));
    UserPath path;
    TRY(path.copy(target));
    u64 fl = flags.value;
    if ((fl & MS_MGC_MSK) == MS_MGC_VAL) fl &= ~u64(MS_MGC_MSK);   // linux: the old magic number
    Path base = TRY(dirfd_base(AT_FDCWD, path.view()));
    StringView src = dev.p ? StringView(dev.p) : StringView("none");
    TRY(vfs_mount(walk_context(base), src, path.view(), type.p, fl, options.p));
    return 0;
}

SyscallResult sys_umount2(UserCString target, Flags flags) {
    if (flags.value & ~u64(kMntForce | kMntDetach | kMntExpire | kUmountNoFollow)) return Error(EINVAL);
    UserPath path;
    TRY(path.copy(target));
    Path base = TRY(dirfd_base(AT_FDCWD, path.view()));
    TRY(vfs_umount(walk_context(base), path.view(), static_cast<int>(flags.value)));
    return 0;
}

SyscallResult sys_statfs(UserCString upath, UserPtr<void> buf) {
    UserPath path;
    TRY(path.copy(upath));
    AtTarget t = TRY(resolve_at(AT_FDCWD, path.view(), false, true));
    struct statfs st;
    fill_statfs(t.inode().sb(), t.mount(), st);
    TRY(copy_to_user(buf.addr(), &st, sizeof(st)));
    return 0;
}

SyscallResult sys_fstatfs(Fd fd, UserPtr<void> buf) {
    RefPtr<File> f = TRY(fd_file_raw(fd));
    struct statfs st;
    fill_statfs(f->inode().sb(), f->path().mnt.ptr(), st);
    TRY(copy_to_user(buf.addr(), &st, sizeof(st)));
    return 0;
}

// Every mounted file system writes back, then every block device flushes its write cache (a
// device written through its node has no file system to do it).
SyscallResult sys_sync() {
    sync_all_filesystems();
    (void)block_sync_all();   // sync(2) cannot fail
    return 0;
}

SyscallResult sys_syncfs(Fd fd) {
    RefPtr<File> f = TRY(fd_file(fd));
    TRY(f->inode().sb().sync());
    return 0;
}

SyscallResult sys_fsync(Fd fd) { return do_fsync(fd, false); }
SyscallResult sys_fdatasync(Fd fd) { return do_fsync(fd, true); }

// linux: ksys_sync_file_range(): the descriptor, then flags and range (EINVAL), then the file
// type (ESPIPE for anything but regular files, directories, symlinks and block devices).
SyscallResult sys_sync_file_range(Fd fd, i64 offset, i64 nbytes, Flags flags) {
    RefPtr<File> f = TRY(fd_file(fd));
    constexpr u64 kValid = SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER;
    if (flags.value & ~kValid) return Error(EINVAL);
    u64 end = static_cast<u64>(offset) + static_cast<u64>(nbytes);
    if (offset < 0 || static_cast<i64>(end) < 0 || static_cast<i64>(end) < offset) return Error(EINVAL);
    u32 type = f->inode().mode() & S_IFMT;
    if (type != S_IFREG && type != S_IFBLK && type != S_IFDIR && type != S_IFLNK) return Error(ESPIPE);
    return 0;
}
