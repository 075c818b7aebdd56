// SPDX-License-Identifier: MIT
// A process's file-descriptor table: open file descriptions (shared by dup and fork) plus the
// per-descriptor close-on-exec flag. Shared between threads (CLONE_FILES) by reference.
#pragma once

#include "lib/ref_ptr.h"
#include "lib/result.h"
#include "fs/vfs/mount.h"
#include "sync/spinlock.h"

class File;

class FdTable : public RefCounted<FdTable> {
public:
    static constexpr int kMaxFds = 1024 * 1024;   // hard ceiling (nr_open); RLIMIT_NOFILE applies below it

    static Result<RefPtr<FdTable>> create();
    ~FdTable();
    Result<RefPtr<FdTable>> clone();   // fork without CLONE_FILES

    // Lowest free fd >= min_fd and < limit (RLIMIT_NOFILE): EMFILE when none.
    Result<int> install(RefPtr<File> f, bool cloexec, int min_fd, u64 limit);
    // dup2/dup3: replaces whatever was at fd (closing it). EBADF when fd >= limit.
    Result<int> install_at(int fd, RefPtr<File> f, bool cloexec, u64 limit);
    Result<RefPtr<File>> get(int fd);
    // The File at fd (null when none) without the lock or a reference: only for a caller that
    // is the table's one user, so nothing can change it meanwhile (fd_get).
    File* peek_private(int fd) const {
        return static_cast<unsigned>(fd) < static_cast<unsigned>(m_capacity) ? m_files[fd].ptr() : nullptr;
    }
    // Removes fd; the File it held (the caller's reference now).
    Result<RefPtr<File>> close(int fd);
    void close_range(unsigned first, unsigned last, bool cloexec_only);
    Result<bool> cloexec(int fd);
    Result<void> set_cloexec(int fd, bool on);
    // Closes the close-on-exec descriptors; closed(file) runs for each, outside the table lock.
    void close_on_exec(void (*closed)(File&) = nullptr);
    void close_all();
    int highest_fd();   // -1 when empty
    int lowest_free();  // the descriptor open() would get with no limit
    template <typename Fn>
    void for_each(Fn fn);   // fn(fd, File&) under the table lock (no blocking in fn)

private:
    FdTable() = default;
    Result<void> grow_locked(int needed);
    int first_free_locked(int from) const;
    void note_installed_locked(int fd);
    void note_closed_locked(int fd);
    Spinlock m_lock{LockRank::FdTable, "fd-table"};
    RefPtr<File>* m_files = nullptr;
    u64* m_cloexec = nullptr;
    int m_capacity = 0;
    int m_next_fd = 0;   // every descriptor below it is open (Linux's next_fd)
    int m_high = -1;     // the highest open descriptor
};

template <typename Fn>
void FdTable::for_each(Fn fn) {
    SpinlockGuard g(m_lock);
    for (int i = 0; i < m_capacity; i++)
        if (m_files[i]) fn(i, *m_files[i]);
}

// Per-process filesystem context (CLONE_FS shares it): root, working directory, umask.
class FsContext : public RefCounted<FsContext> {
public:
    static Result<RefPtr<FsContext>> create(const Path& root);
    Result<RefPtr<FsContext>> clone();
    Path root() { SpinlockGuard g(m_lock); return m_root; }
    Path cwd() { SpinlockGuard g(m_lock); return m_cwd; }
    // The old path is released after the lock (dropping it may free a dentry or a mount).
    void set_root(const Path& p) {
        Path old;
        SpinlockGuard g(m_lock);
        old = m_root;
        m_root = p;
    }
    void set_cwd(const Path& p) {
        Path old;
        SpinlockGuard g(m_lock);
        old = m_cwd;
        m_cwd = p;
    }
    u32 umask = 022;

private:
    Spinlock m_lock{LockRank::FdTable, "fs-context"};
    Path m_root;
    Path m_cwd;
};
