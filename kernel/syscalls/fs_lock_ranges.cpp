// SPDX-License-Identifier: MIT
// The pure part of record locking: struct flock ranges and one inode's list of byte-range locks
// (merging, splitting, conflicts). No locking and no allocation: ktested (fsys.locks_*).
#include "abi/linux/uapi.h"
#include "syscalls/fs_locks.h"

namespace {

bool overlaps(const RangeLock& l, i64 start, i64 end) { return l.start <= end && start <= l.end; }

}  // namespace

Result<void> lock_range_from_flock(int whence, i64 start, i64 len, i64 pos, i64 size, i64& out_start,
                                   i64& out_end) {
    i64 base;
    switch (whence) {
    case SEEK_SET: base = 0; break;
    case SEEK_CUR: base = pos; break;
    case SEEK_END: base = size; break;
    default: return Error(EINVAL);
    }
    if (start > kLockOffsetMax - base) return Error(EOVERFLOW);
    i64 s = base + start;
    if (s < 0) return Error(EINVAL);
    i64 e;
    if (len > 0) {
        if (len - 1 > kLockOffsetMax - s) return Error(EOVERFLOW);
        e = s + (len - 1);
    } else if (len < 0) {
        if (s + len < 0) return Error(EINVAL);
        e = s - 1;
        s += len;
    } else {
        e = kLockOffsetMax;
    }
    out_start = s;
    out_end = e;
    return {};
}

RangeLock* RangeLockList::find_conflict(const void* owner, short type, i64 start, i64 end) {
    for (RangeLock& l : m_locks)
        if (l.owner != owner && overlaps(l, start, end) && (type == F_WRLCK || l.type == F_WRLCK)) return &l;
    return nullptr;
}

void RangeLockList::apply(const void* owner, int pid, File* file, short type, i64 start, i64 end,
                          RangeLockQueue& spare, RangeLockQueue& freed) {
    for (RangeLock& l : m_locks) {
        if (l.owner != owner) continue;
        if (!overlaps(l, start, end)) {
            bool adjacent = (l.end != kLockOffsetMax && l.end + 1 == start) || (end != kLockOffsetMax && end + 1 == l.start);
            if (type == l.type && adjacent) {   // linux: posix_lock_inode() merges adjacent locks
                start = min(start, l.start);
                end = max(end, l.end);
                m_locks.remove(l);
                freed.push_back(l);
            }
            continue;
        }
        if (l.type == type) {   // same type: absorb it
            start = min(start, l.start);
            end = max(end, l.end);
            m_locks.remove(l);
            freed.push_back(l);
            continue;
        }
        // Another type (or unlock): cut [start, end] out of l.
        if (l.start < start && l.end > end) {
            RangeLock* tail = spare.pop_front();
            VERIFY(tail);
            tail->owner = owner;
            tail->pid = l.pid;
            tail->file = l.file;
            tail->type = l.type;
            tail->start = end + 1;
            tail->end = l.end;
            l.end = start - 1;
            m_locks.push_back(*tail);   // behind the iterator: not visited again
        } else if (l.start < start) {
            l.end = start - 1;
        } else if (l.end > end) {
            l.start = end + 1;
        } else {
            m_locks.remove(l);
            freed.push_back(l);
        }
    }
    if (type == F_UNLCK) return;
    RangeLock* n = spare.pop_front();
    VERIFY(n);
    n->owner = owner;
    n->pid = pid;
    n->file = RefPtr<File>(file);
    n->type = type;
    n->start = start;
    n->end = end;
    m_locks.push_back(*n);
}

usize RangeLockList::remove_owner(const void* owner, RangeLockQueue& freed) {
    usize n = 0;
    for (RangeLock& l : m_locks) {
        if (l.owner != owner) continue;
        m_locks.remove(l);
        freed.push_back(l);
        n++;
    }
    return n;
}
