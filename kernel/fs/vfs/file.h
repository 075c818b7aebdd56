// SPDX-License-Identifier: MIT
// Open file descriptions. A File is what open(2) creates and descriptors share: the path it was
// opened by, the inode, the offset (under its own lock, so concurrent read/write/lseek on a
// shared description see a consistent f_pos), the open flags, and the FileOps that implement
// I/O. FileOps is chosen at open time by the inode's open() hook: regular files and directories
// get the generic ops over the inode operations, devices get their driver's ops, and pipes or
// sockets (later) supply their own. Readiness has one mechanism: poll() returns the ready mask
// and wait_queue() the queue to sleep on until it changes.
#pragma once

#include "core/file_async.h"
#include "core/wait_queue.h"
#include "fs/vfs/mount.h"

class WaitQueue;
struct EpollItem;

// Instances are usually static (constinit): the destructor is trivial and protected, so no
// global destructor is registered; per-open instances are owned through File::set_owned_ops.
class FileOps {
public:
    // I/O at *offset; implementations advance *offset by what they transferred (streams ignore
    // it). read/write through the file offset and pread/pwrite both end up here. Defaults: EINVAL.
    virtual Result<usize> read(File& f, const IoBuffer& buf, u64& offset);
    virtual Result<usize> write(File& f, const IoBuffer& buf, u64& offset);
    // The new offset for lseek(2), given the current one. Default: ESPIPE (not seekable).
    virtual Result<u64> lseek(File& f, u64 current, i64 offset, int whence);
    // Whether pread/pwrite are allowed (ESPIPE otherwise). Default: false.
    virtual bool positional() const { return false; }
    virtual Result<long> ioctl(File& f, unsigned cmd, uptr arg);   // default ENOTTY
    // The events that are ready now (POLLIN, POLLOUT, POLLHUP...). Default: readable and writable.
    virtual u32 poll(File& f);
    // The queue woken when poll's answer may have changed; null when it never changes.
    virtual WaitQueue* wait_queue(File& f);
    // Kind-specific lines for /proc/<pid>/fdinfo/<n> (Linux's show_fdinfo: "eventfd-count:"...),
    // written into buf (at most cap bytes, no NUL needed). Returns the length. Default: none.
    virtual usize fdinfo(File& f, char* buf, usize cap);
    // linux_dirent64 records from *pos into buf. Default: ENOTDIR.
    virtual Result<usize> getdents64(File& f, const IoBuffer& buf, u64& pos);
    // The last reference to the File is gone. Must not sleep (it may run under a spinlock).
    virtual void release(File& f);

protected:
    constexpr FileOps() = default;
    ~FileOps() = default;
};

class File : public RefCounted<File> {
public:
    // Opens path's inode with flags (O_ACCMODE, status flags). Calls the inode's open() hook.
    // Does no permission checks: vfs_open does those.
    static Result<RefPtr<File>> open(const Path& path, u32 flags);
    // A File on an inode that has no name (pipes, sockets, eventfd...), with the given ops.
    static Result<RefPtr<File>> open_anonymous(RefPtr<Inode> inode, FileOps& ops, u32 flags);
    ~File();
    ARAMID_NOCOPY(File);

    // read(2)/write(2): at the file offset, advancing it (O_APPEND writes at the end).
    Result<usize> read(const IoBuffer& buf);
    Result<usize> write(const IoBuffer& buf);
    // pread64(2)/pwrite64(2): at offset, the file offset untouched. ESPIPE on streams, EINVAL
    // for a negative offset.
    Result<usize> pread(const IoBuffer& buf, u64 offset);
    Result<usize> pwrite(const IoBuffer& buf, u64 offset);
    Result<u64> lseek(i64 offset, int whence);
    Result<usize> getdents64(const IoBuffer& buf);
    Result<long> ioctl(unsigned cmd, uptr arg);
    u32 poll();
    WaitQueue* wait_queue();
    // ftruncate(2): EINVAL unless open for writing and a regular file.
    Result<void> truncate(u64 size);

    const Path& path() const { return m_path; }
    Inode& inode() const { return *m_inode; }
    RefPtr<Inode> inode_ref() const { return m_inode; }
    u32 flags() const { return m_flags.load(std::memory_order_relaxed); }
    // fcntl(F_SETFL): only O_APPEND, O_NONBLOCK, O_ASYNC, O_DIRECT, O_NOATIME change.
    void set_status_flags(u32 flags);
    bool readable() const {
        u32 fl = flags();
        return !(fl & O_PATH) && ((fl & O_ACCMODE) == O_RDONLY || (fl & O_ACCMODE) == O_RDWR);
    }
    bool writable() const {
        u32 fl = flags();
        return !(fl & O_PATH) && ((fl & O_ACCMODE) == O_WRONLY || (fl & O_ACCMODE) == O_RDWR);
    }
    bool is_path_only() const { return flags() & O_PATH; }
    // ops().positional(), cached when the ops are set (read on every read and write).
    bool positional() const { return m_positional; }
    u64 offset();                // the current f_pos (for /proc fdinfo and tests)

    FileOps& ops() const { return *m_ops; }
    // For open() hooks: borrowed ops (a static instance) or owned ops (per-open state, freed
    // with the File after release()).
    void set_ops(FileOps& ops);
    template <typename T>
    void set_owned_ops(OwnPtr<T> ops) {
        drop_owned_ops();
        m_ops = ops.leak();
        m_positional = m_ops->positional();
        m_owned_deleter = [](FileOps* p) { delete static_cast<T*>(p); };
    }
    // Per-open state for ops that keep it outside an owned FileOps.
    void* private_data = nullptr;
    // The epoll items watching this description (Linux's f_ep), chained through the items and
    // guarded by the epoll lock (ipc/epoll.cpp); they go when the last reference does.
    std::atomic<EpollItem*> epoll_items{nullptr};

    // O_ASYNC (fcntl F_SETFL): registers with or leaves the file's wait queue after the flag
    // changed; fd is the descriptor named in the call (reported as si_fd).
    void update_async(int fd);
    // F_SETOWN(_EX)/F_SETSIG state (atomics: read from wake-ups).
    FileOwner owner();
    void set_owner(const FileOwner& o);
    int async_signal();
    void set_async_signal(int sig);

private:
    File(Path path, RefPtr<Inode> inode, u32 flags);
    Result<usize> do_read(const IoBuffer& buf, u64& offset);
    Result<usize> do_write(const IoBuffer& buf, u64& offset);
    Result<usize> write_regular(const IoBuffer& buf, u64& offset);
    Result<usize> clipped(const IoBuffer& buf, u64& offset, Result<usize> (File::*io)(const IoBuffer&, u64&));
    // Linux's fdget_pos: f_pos needs the lock only when someone else can reach this File. The
    // descriptor lookup (fd_get) borrows the table's reference when the table is private to the
    // caller and takes its own otherwise, so a second reference is exactly "someone else".
    bool pos_lock_needed() const { return ref_count() > 1; }
    // linux: fsnotify_access()/fsnotify_modify() after a transfer of at least one byte.
    Result<usize> accessed(Result<usize> r);
    Result<usize> modified(Result<usize> r);
    void drop_owned_ops();

    Path m_path;
    RefPtr<Inode> m_inode;
    std::atomic<u32> m_flags;
    Mutex m_pos_lock{"f_pos"};
    u64 m_pos = 0;
    FileOps* m_ops;
    bool m_positional = false;
    void (*m_owned_deleter)(FileOps*) = nullptr;   // set when m_ops is owned
    bool m_opened = false;                         // release() is due
    static void fire_async(AsyncNotify* n, u32 key);
    std::atomic<u64> m_owner{1ull << 32};          // type << 32 | (u32)id; F_OWNER_PID, nobody
    std::atomic<int> m_async_sig{0};
    std::atomic<int> m_async_fd{-1};
    Mutex m_async_lock{"file-async"};              // registration only
    AsyncNotify m_async;
    WaitQueue* m_async_queue = nullptr;            // where m_async is registered
};

// The generic ops (Inode::open's defaults), usable by file systems that override open().
FileOps& regular_file_ops();
FileOps& directory_ops();
// No I/O at all: O_PATH descriptors.
FileOps& path_only_ops();

// linux: file_accessed(): a read or directory listing moves the access time to now, unless
// O_NOATIME, a noatime (nodiratime for directories) or read-only mount, or relatime finds the
// access time already newer than mtime and ctime and less than a day old.
void file_accessed(File& f);

// lseek arithmetic for a file of the given size, as Linux's generic_file_llseek (SEEK_DATA and
// SEEK_HOLE treat the whole file as data).
Result<u64> generic_llseek(u64 current, i64 offset, int whence, u64 size);
// lseek for files without a meaningful end (linux: seq_lseek, offset_dir_llseek): SEEK_SET and
// SEEK_CUR to any non-negative position, EINVAL otherwise.
Result<u64> set_cur_llseek(u64 current, i64 offset, int whence);
