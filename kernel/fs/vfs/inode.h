// SPDX-License-Identifier: MIT
// Inodes and superblocks: what a file system implements. An Inode carries the attributes stat(2)
// reports and the operations the VFS calls; the defaults return the errno Linux returns when a
// file system (or a file type) lacks an operation. The VFS layer (vfs_ops.cpp) does the
// permission checks, takes the locks and keeps the dentry cache in step; file systems only
// change their own structures.
//
// Locking: Inode::lock() is the per-inode mutex. The VFS holds a directory's mutex around
// lookup/create/mkdir/mknod/symlink/link/unlink/rmdir (and the victim's too for rmdir and for a
// directory replaced by rename), both parents' for rename, and a regular file's around
// read/write/truncate/setattr. Attributes are atomics so stat needs no lock; a writer changes
// them under the mutex.
#pragma once

#include <atomic>

#include "abi/linux/fs_abi.h"
#include "abi/linux/uapi.h"
#include "core/credentials.h"
#include "core/time.h"
#include "fs/vfs/dev.h"
#include "fs/vfs/dirent.h"
#include "lib/ref_ptr.h"
#include "lib/result.h"
#include "lib/string_view.h"
#include "mm/user_ptr.h"
#include "sync/mutex.h"

class Dentry;
class PageCache;
class XattrStore;
class File;
class SuperBlock;
struct FsnotifyMark;

// Attribute changes for Inode::setattr (chmod, chown, truncate, utimensat). The VFS has checked
// permissions and computed the final values.
struct SetAttr {
    enum : u32 { kMode = 1, kUid = 2, kGid = 4, kSize = 8, kAtime = 16, kMtime = 32, kCtime = 64 };
    u32 mask = 0;
    u32 mode = 0;   // permission bits only (07777); the type never changes
    u32 uid = 0, gid = 0;
    u64 size = 0;
    Timespec atime{}, mtime{}, ctime{};
};

// A timestamp readable without a lock (a racing reader may see seconds and nanoseconds from two
// updates, as with Linux's unlocked i_mtime reads).
class AtomicTime {
public:
    Timespec load() const { return Timespec{m_sec.load(std::memory_order_relaxed), m_nsec.load(std::memory_order_relaxed)}; }
    void store(Timespec t) {
        m_sec.store(t.sec, std::memory_order_relaxed);
        m_nsec.store(t.nsec, std::memory_order_relaxed);
    }

private:
    std::atomic<i64> m_sec{0};
    std::atomic<i64> m_nsec{0};
};

struct Path;

class Inode : public RefCounted<Inode> {
public:
    virtual ~Inode();
    ARAMID_NOCOPY(Inode);

    // --- attributes -------------------------------------------------------------------------
    u64 ino() const { return m_ino; }
    SuperBlock& sb() const { return *m_sb; }
    u32 mode() const { return m_mode.load(std::memory_order_relaxed); }
    u32 type() const;                    // mode & S_IFMT
    bool is_dir() const { return S_ISDIR(mode()); }
    bool is_reg() const { return S_ISREG(mode()); }
    bool is_symlink() const;
    u32 uid() const { return m_uid.load(std::memory_order_relaxed); }
    u32 gid() const { return m_gid.load(std::memory_order_relaxed); }
    u32 nlink() const { return m_nlink.load(std::memory_order_relaxed); }
    u64 size() const { return m_size.load(std::memory_order_relaxed); }
    u64 blocks() const { return m_blocks.load(std::memory_order_relaxed); }   // 512-byte units
    DevId rdev() const { return m_rdev; }
    Timespec atime() const { return m_atime.load(); }
    Timespec mtime() const { return m_mtime.load(); }
    Timespec ctime() const { return m_ctime.load(); }
    // A directory that was removed (rmdir, or replaced by rename): nothing may be created in it.
    bool is_dead() const { return m_dead.load(std::memory_order_acquire); }
    // An O_TMPFILE file opened without O_EXCL: linkat may give it a first name although its
    // nlink is 0 (linux: I_LINKABLE, cleared by that link).
    bool linkable() const { return m_linkable.load(std::memory_order_relaxed); }
    void set_linkable(bool v) { m_linkable.store(v, std::memory_order_relaxed); }

    void set_mode_bits(u32 perm);        // keeps the type
    void set_uid(u32 v) { m_uid.store(v, std::memory_order_relaxed); }
    void set_gid(u32 v) { m_gid.store(v, std::memory_order_relaxed); }
    void set_nlink(u32 v) { m_nlink.store(v, std::memory_order_relaxed); }
    void inc_nlink() { m_nlink.fetch_add(1, std::memory_order_relaxed); }
    void dec_nlink();
    void set_size(u64 v) { m_size.store(v, std::memory_order_relaxed); }
    void set_blocks(u64 v) { m_blocks.store(v, std::memory_order_relaxed); }
    void set_atime(Timespec t) { m_atime.store(truncate_time(t)); }
    void set_mtime(Timespec t) { m_mtime.store(truncate_time(t)); }
    void set_ctime(Timespec t) { m_ctime.store(truncate_time(t)); }
    void touch_mtime_ctime();            // both = now
    void touch_ctime();
    void mark_dead() { m_dead.store(true, std::memory_order_release); }

    Mutex& lock() { return m_lock; }
    // A time as the file system can store it (linux: timestamp_truncate).
    Timespec truncate_time(Timespec t) const;

    // The inotify watches on this inode and the union of their masks (fs/notify/), changed under
    // the fsnotify lock; the mask is read without it to skip unwatched inodes.
    FsnotifyMark* fsnotify_marks = nullptr;
    std::atomic<u32> fsnotify_mask{0};

    // --- directory operations (called with this directory's mutex held) ---------------------
    // The child called name, or ENOENT. Default: ENOTDIR.
    virtual Result<RefPtr<Inode>> lookup(StringView name);
    // New regular file / directory / node / symlink called name (known not to exist). mode holds
    // the type and permission bits (umask already applied by the caller); owner and group come
    // from creds and this directory (init_new_inode). Defaults: ENOTDIR for non-directories,
    // EPERM for directories whose file system cannot create that kind of file.
    virtual Result<RefPtr<Inode>> create(StringView name, u32 mode, const Credentials& creds);
    virtual Result<RefPtr<Inode>> mkdir(StringView name, u32 mode, const Credentials& creds);
    virtual Result<RefPtr<Inode>> mknod(StringView name, u32 mode, DevId rdev, const Credentials& creds);
    virtual Result<RefPtr<Inode>> symlink(StringView name, StringView target, const Credentials& creds);
    // A new name for target (a non-directory of the same file system).
    virtual Result<void> link(StringView name, Inode& target);
    // Removes name, which refers to victim (a non-directory / an empty directory, whose mutex the
    // VFS also holds for rmdir).
    virtual Result<void> unlink(StringView name, Inode& victim);
    virtual Result<void> rmdir(StringView name, Inode& victim);
    // Moves old_name here to new_name in new_dir (same file system; both mutexes held; the VFS
    // has done every check that needs no directory contents). flags: RENAME_NOREPLACE (the VFS
    // has checked the target is absent) or RENAME_EXCHANGE (both exist). Without EXCHANGE an
    // existing target is replaced: a directory only if empty (else ENOTEMPTY).
    virtual Result<void> rename(StringView old_name, Inode& new_dir, StringView new_name, unsigned flags);
    // A new regular file with no name in this directory (O_TMPFILE, memfd): nlink 0, owner and
    // group as create(). Default: EOPNOTSUPP (Linux: a file system without ->tmpfile).
    virtual Result<RefPtr<Inode>> tmpfile(u32 mode, const Credentials& creds);
    // Lists entries from position pos (0 = start; "." and ".." first), advancing pos past each
    // entry the sink accepts. Positions are stable cookies: entries keep theirs while they
    // exist, so a listing resumed at a saved position neither repeats nor skips survivors.
    virtual Result<void> iterate(u64& pos, DirSink& sink);

    // --- symlinks ----------------------------------------------------------------------------
    // Copies the target (no NUL) into buf, truncated to size; returns the bytes copied.
    // Default: EINVAL (not a symlink).
    virtual Result<usize> readlink(char* buf, usize size);
    // A "magic" link (/proc/<pid>/fd/<n>): following it lands on the object itself, not on a
    // path parsed from readlink, so an unnamed pipe or a deleted file can be reopened. ENOENT
    // when there is no such object; EINVAL (the default) for ordinary symlinks.
    virtual Result<Path> magic_link();

    // --- regular files (called with this inode's mutex held) ---------------------------------
    // Default: EINVAL.
    virtual Result<usize> read(const IoBuffer& buf, u64 offset);
    virtual Result<usize> write(const IoBuffer& buf, u64 offset);
    virtual Result<void> truncate(u64 size);
    // The file's pages, shared by read, write and mappings; null when the file cannot be mapped
    // (mmap is then ENODEV).
    virtual PageCache* page_cache() { return nullptr; }

    // The file's seals (F_ADD_SEALS/F_GET_SEALS: F_SEAL_*), or null when its file system has
    // none (fcntl then fails with EINVAL). Memory file systems start every file with F_SEAL_SEAL.
    virtual std::atomic<u32>* seals() { return nullptr; }

    // The inode's extended attributes (trusted.* and security.*, as tmpfs), or null when its
    // file system has none: get/set/remove then fail with EOPNOTSUPP and the list is empty.
    virtual XattrStore* xattrs() { return nullptr; }
    // What guards xattrs(): the inode's mutex, unless the store outlives inode objects (cgroupfs
    // makes a new inode per lookup and keeps the store with the cgroup).
    virtual Mutex& xattr_lock() { return m_lock; }
    // Whether the store also takes user.* names (linux: cgroup2's KERNFS_ROOT_SUPPORT_USER_XATTR).
    virtual bool user_xattrs() const { return false; }

    // EACCES unless creds may access this inode with mask (kMayRead | kMayWrite | kMayExec); the
    // default checks the mode bits (linux: generic_permission). inode_permission calls it.
    virtual Result<void> permission(const Credentials& creds, int mask) const;

    // fsync(2)/fdatasync(2): the file's data and attributes on stable storage. Default: nothing
    // to do (memory file systems).
    virtual Result<void> fsync(bool datasync);

    // Applies attribute changes (mutex held). The default stores mode/uid/gid/times and calls
    // truncate() for a size change.
    virtual Result<void> setattr(const SetAttr& attr);

    // Chooses the FileOps for a new open file description (File::open calls it). The default
    // serves regular files and directories from the inode operations above, character devices
    // from the device registry (ENXIO when the number is unregistered), FIFOs from fs/pipe's
    // fifo_open (which may sleep for the other end), and ENXIO for block devices and sockets.
    virtual Result<void> open(File& file);

    // For file systems: owner, group and set-group-ID inheritance for a new inode created in
    // dir by creds, as Linux's inode_init_owner(); also sets the three timestamps to now.
    void init_new_inode(const Credentials& creds, const Inode* dir);

protected:
    Inode(SuperBlock& sb, u64 ino, u32 mode);
    void set_rdev(DevId d) { m_rdev = d; }

private:
    SuperBlock* m_sb;
    u64 m_ino;
    std::atomic<u32> m_mode;
    std::atomic<u32> m_uid{0}, m_gid{0};
    std::atomic<u32> m_nlink{1};
    std::atomic<u64> m_size{0};
    std::atomic<u64> m_blocks{0};
    DevId m_rdev = 0;
    AtomicTime m_atime, m_mtime, m_ctime;
    std::atomic<bool> m_dead{false};
    std::atomic<bool> m_linkable{false};
    Mutex m_lock{"inode"};
};

// statfs(2) numbers, filled by SuperBlock::statfs.
struct FsStats {
    u64 type = 0;      // the magic (TMPFS_MAGIC...)
    u64 bsize = 4096;
    u64 blocks = 0, bfree = 0, bavail = 0;
    u64 files = 0, ffree = 0;
    u64 namelen = 255;
    u64 frsize = 4096;
};

// One mounted (or mountable) instance of a file system. Mounts hold it (RefPtr); inodes borrow it.
// What an encode_file_handle writes: the n words of a handle of this type when they fit in
// dwords, else FILEID_INVALID; dwords becomes n either way.
u32 put_file_handle(const u32* words, u32 n, u32 type, u32* fh, u32& dwords);

class SuperBlock : public RefCounted<SuperBlock> {
public:
    virtual ~SuperBlock();
    ARAMID_NOCOPY(SuperBlock);

    const char* fs_name() const { return m_fs_name; }
    DevId dev() const { return m_dev; }
    Dentry* root() const { return m_root.ptr(); }
    RefPtr<Dentry> root_ref() const;
    virtual void statfs(FsStats& out);
    // sync(2)/syncfs(2) and umount: everything written so far to stable storage. Default: nothing
    // to do (memory file systems).
    virtual Result<void> sync() { return {}; }
    // The file system can only be read (a disk with features this kernel cannot write): the
    // mount is made read-only whatever mount(2) asked.
    virtual bool forced_read_only() const { return false; }
    // mount -o remount: the file system becomes read-only or writable (a disk file system writes
    // everything back and marks itself clean first). Default: nothing to change.
    virtual Result<void> remount(bool read_only) {
        (void)read_only;
        return {};
    }
    // The file system keeps its names out of the dentry cache (devpts): an unhashed dentry of
    // it is a live name, not a removed one (no " (deleted)" in /proc fd links).
    virtual bool uncached_names() const { return false; }
    // Every lookup makes a new Inode for the same file (procfs, sysfs): inotify then matches its
    // watches by inode number rather than by object.
    virtual bool inodes_per_lookup() const { return false; }
    // The file system's own options as /proc/mounts shows them after the mount flags
    // (",nsdelegate"), written into buf (at most cap bytes, no NUL); returns the length.
    virtual usize show_options(char*, usize) const { return 0; }
    // mount(2) with MS_REMOUNT (without MS_BIND): applies the option string data (may be null).
    // Default: the options are ignored.
    virtual Result<void> remount(const char*) { return {}; }
    // name_to_handle_at(2): writes inode's file handle into fh when it fits in `dwords` 32-bit
    // words, sets dwords to the handle's length and returns its type (FILEID_*); when it does not
    // fit, returns FILEID_INVALID. EOPNOTSUPP: the file system cannot be exported (Linux: no
    // export_operations, as proc, sysfs, devpts, pipes and sockets).
    virtual Result<u32> encode_file_handle(const Inode&, u32* fh, u32& dwords) const {
        (void)fh;
        (void)dwords;
        return Error(EOPNOTSUPP);
    }

    // Whether lookups may add this file system's dentries to the cache. Turned off when the
    // last mount goes away (shutdown), so nothing new can pin the tree.
    bool cache_enabled() const { return m_cache_enabled.load(std::memory_order_acquire); }
    // Stops caching and drops the cache's references to this tree (umount). Idempotent.
    void shutdown();
    // Caching again (a file system mounted anew, e.g. the shared devtmpfs instance).
    void reactivate() { m_cache_enabled.store(true, std::memory_order_release); }

    // The finest time step the file system stores (linux: s_time_gran), in ns: 1 for memory
    // file systems, 1 s for ext2 with 128-byte inodes.
    u32 time_granularity() const { return m_time_gran; }

    // A fresh anonymous device number (major 0), as Linux gives tmpfs, proc and friends.
    static DevId alloc_anon_dev();

protected:
    SuperBlock(const char* fs_name, DevId dev);
    void set_time_granularity(u32 ns) { m_time_gran = ns; }
    // Called once by the file system's constructor/factory with its root inode.
    Result<void> make_root(RefPtr<Inode> root_inode);
    // Releases the root dentry (and with it the tree). File systems call it from their own
    // destructor, while their inodes can still reach them; ~SuperBlock calls it too.
    void drop_root();

private:
    const char* m_fs_name;
    DevId m_dev;
    RefPtr<Dentry> m_root;
    std::atomic<bool> m_cache_enabled{true};
    u32 m_time_gran = 1;
};

inline Timespec Inode::truncate_time(Timespec t) const {
    u32 gran = m_sb->time_granularity();
    if (gran != 1) t.nsec -= t.nsec % gran;
    return t;
}
