// SPDX-License-Identifier: MIT
// Advisory file locks, kept per inode outside the VFS (linux: fs/locks.c):
//  - POSIX record locks (fcntl F_GETLK/F_SETLK/F_SETLKW), owned by the descriptor table (so by
//    the process), released when the owner closes ANY descriptor of the file or exits;
//  - open-file-description locks (F_OFD_*): the same ranges, owned by the File;
//  - flock(2) locks: whole-file, owned by the File.
// Locks owned by a File hold a reference to it; they are dropped once nothing else refers to
// the File (file_locks_collect, run by every close and by waiters). F_SETLKW and blocking
// flock sleep interruptibly; F_SETLKW detects a deadlock between POSIX owners (EDEADLK).
#pragma once

#include "fs/vfs/file.h"
#include "lib/intrusive_list.h"

class Process;
struct flock;

// linux: OFFSET_MAX, the end of a lock that runs "to EOF and beyond".
constexpr i64 kLockOffsetMax = 0x7fffffffffffffffll;

// The inclusive byte range a struct flock names, as Linux's flock64_to_posix_lock(): whence
// SEEK_SET/CUR/END (else EINVAL) relative to 0 / pos / size, EOVERFLOW when it does not fit an
// off_t, EINVAL for a range that starts before 0. len 0 means "to the end".
Result<void> lock_range_from_flock(int whence, i64 start, i64 len, i64 pos, i64 size, i64& out_start, i64& out_end);

// One byte-range lock.
struct RangeLock {
    ListNode node;
    const void* owner = nullptr;   // FdTable* (POSIX) or File* (OFD)
    RefPtr<File> file;             // OFD locks: keeps the description alive until collected
    int pid = 0;                   // F_GETLK's l_pid (-1 for OFD locks)
    short type = 0;                // F_RDLCK or F_WRLCK
    i64 start = 0, end = 0;        // inclusive
};
using RangeLockQueue = IntrusiveList<RangeLock, &RangeLock::node>;

// The byte-range locks of one inode. Pure list logic (no locking, no allocation): ktested.
// Invariant: one owner's locks never overlap, and two of its locks of the same type are never
// adjacent (they are merged).
class RangeLockList {
public:
    RangeLockList() = default;
    ARAMID_NOCOPY(RangeLockList);

    // The first lock of another owner that conflicts with (type, [start, end]): overlapping,
    // and one of the two is a write lock. Null when none.
    RangeLock* find_conflict(const void* owner, short type, i64 start, i64 end);
    // Sets owner's lock on [start, end] to type (F_RDLCK, F_WRLCK or F_UNLCK = remove), splitting
    // and merging owner's other locks as POSIX requires. file: the OFD owner (null for POSIX).
    // Consumes at most two records from spare; records no longer used move to freed.
    void apply(const void* owner, int pid, File* file, short type, i64 start, i64 end, RangeLockQueue& spare,
               RangeLockQueue& freed);
    // Moves every lock of owner to freed; returns how many.
    usize remove_owner(const void* owner, RangeLockQueue& freed);
    bool empty() const { return m_locks.empty(); }
    usize size() const { return m_locks.size(); }
    RangeLockQueue& locks() { return m_locks; }

private:
    RangeLockQueue m_locks;   // in insertion order
};

// fcntl(F_GETLK / F_OFD_GETLK): fills fl with the first conflicting lock or sets l_type to
// F_UNLCK.
Result<void> posix_lock_get(File& f, struct flock& fl, bool ofd);
// fcntl(F_SETLK(W) / F_OFD_SETLK(W)). EAGAIN on conflict without wait; with wait, sleeps
// (ERESTARTSYS when a signal arrives) and fails with EDEADLK when the holder (transitively)
// waits for us.
Result<void> posix_lock_set(File& f, const struct flock& fl, bool ofd, bool wait);
// flock(2): type F_RDLCK (LOCK_SH), F_WRLCK (LOCK_EX) or F_UNLCK (LOCK_UN).
Result<void> flock_apply(File& f, short type, bool wait);

// Releases p's POSIX locks on inode (every inode when null). The close path calls it; process
// exit must call it with null BEFORE dropping p->fds.
void file_locks_release_process(Process* p, Inode* inode);
// Drops flock and OFD locks whose File nothing but the lock table refers to, and wakes waiters.
void file_locks_collect();
// Whether p owns any POSIX lock (close_range only scans its descriptors when it does).
bool file_locks_held_by(Process* p);
