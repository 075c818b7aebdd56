// SPDX-License-Identifier: MIT
// The lock table: one entry per inode that has locks (holding a reference to it), each with its
// byte-range locks (POSIX and OFD share one list, as Linux's flc_posix) and its flock locks.
// One mutex guards the table; waiters sleep on one queue and re-check whenever the table's
// generation changes (any unlock, downgrade or collection bumps it), and every 100 ms so that
// owners that vanished without a hook are noticed.
#include "syscalls/fs_locks.h"

#include "abi/linux/uapi.h"
#include "arch/cpu.h"
#include "core/fd_table.h"
#include "core/process.h"
#include "mm/kheap.h"
#include "syscalls/types.h"

namespace {

constexpr int kMaxDeadlockIterations = 10;   // linux: MAX_DEADLK_ITERATIONS
constexpr u64 kRecheckNs = 100'000'000;

struct FlockEntry {
    ListNode node;
    RefPtr<File> file;
    short type = 0;
};

struct InodeLocks {
    ListNode node;
    RefPtr<Inode> inode;
    RangeLockList ranges;
    IntrusiveList<FlockEntry, &FlockEntry::node> flocks;
};

// An owner sleeping in F_SETLKW, and the owner it waits for (deadlock detection).
struct BlockedOwner {
    ListNode node;
    const void* owner;
    const void* blocker;
};

struct LockTable {
    Mutex mutex{"file-locks"};
    WaitQueue waiters;
    std::atomic<u64> generation{0};
    std::atomic<usize> posix_count{0};   // POSIX records (fast path of the close hook)
    std::atomic<usize> file_count{0};    // records owned by a File (fast path of collect)
    IntrusiveList<InodeLocks, &InodeLocks::node> inodes;
    IntrusiveList<BlockedOwner, &BlockedOwner::node> blocked;
};

// Built on first use (no global constructors; nothing at boot needs it earlier).
alignas(LockTable) unsigned char g_table_storage[sizeof(LockTable)];
constinit std::atomic<int> g_table_state{0};   // 0 none, 1 being built, 2 ready

LockTable& table() {
    if (likely(g_table_state.load(std::memory_order_acquire) == 2))
        return *std::launder(reinterpret_cast<LockTable*>(g_table_storage));
    int expected = 0;
    if (g_table_state.compare_exchange_strong(expected, 1, std::memory_order_acq_rel)) {
        new (g_table_storage) LockTable();
        g_table_state.store(2, std::memory_order_release);
    } else {
        while (g_table_state.load(std::memory_order_acquire) != 2) thread_yield();
    }
    return *std::launder(reinterpret_cast<LockTable*>(g_table_storage));
}

void free_ranges(RangeLockQueue& q) {
    while (RangeLock* l = q.pop_front()) OwnPtr<RangeLock> drop(l);
}

// Table mutex held.
InodeLocks* find_inode(LockTable& t, Inode& inode) {
    for (InodeLocks& e : t.inodes)
        if (e.inode.ptr() == &inode) return &e;
    return nullptr;
}

Result<InodeLocks*> get_inode(LockTable& t, Inode& inode) {
    if (InodeLocks* e = find_inode(t, inode)) return e;
    InodeLocks* e = TRY(try_make<InodeLocks>());
    e->inode = RefPtr<Inode>(&inode);
    t.inodes.push_back(*e);
    return e;
}

// Table mutex held: the caller drops `dead` (and so maybe the inode) after unlocking.
void drop_if_empty(LockTable& t, InodeLocks& e, IntrusiveList<InodeLocks, &InodeLocks::node>& dead) {
    if (!e.ranges.empty() || !e.flocks.empty()) return;
    t.inodes.remove(e);
    dead.push_back(e);
}

void free_inodes(IntrusiveList<InodeLocks, &InodeLocks::node>& q) {
    while (InodeLocks* e = q.pop_front()) OwnPtr<InodeLocks> drop(e);
}

void wake_all(LockTable& t) {
    t.generation.fetch_add(1, std::memory_order_acq_rel);
    t.waiters.wake_all();
}

// References the lock table holds on f within e (its OFD locks and its flock lock).
u32 table_refs(InodeLocks& e, const File* f) {
    u32 n = 0;
    for (RangeLock& l : e.ranges.locks()) n += l.file.ptr() == f;
    for (FlockEntry& fe : e.flocks) n += fe.file.ptr() == f;
    return n;
}

bool file_alive(InodeLocks& e, File& f) { return f.ref_count() > table_refs(e, &f); }

// A POSIX owner is alive while its process exists, has not exited and still uses that table.
bool posix_owner_alive(const RangeLock& l) {
    RefPtr<Process> p = process_by_pid(l.pid);
    return p && !p->zombie && p->fds.ptr() == l.owner;
}

bool range_owner_alive(InodeLocks& e, RangeLock& l) { return l.file ? file_alive(e, *l.file) : posix_owner_alive(l); }

void count_removed(LockTable& t, RangeLockQueue& freed) {
    for (RangeLock& l : freed) {
        if (l.file) t.file_count.fetch_sub(1, std::memory_order_relaxed);
        else t.posix_count.fetch_sub(1, std::memory_order_relaxed);
    }
}

// The first live conflicting range lock; dead owners found on the way are removed.
RangeLock* live_conflict(LockTable& t, InodeLocks& e, const void* owner, short type, i64 s, i64 end,
                         RangeLockQueue& freed) {
    for (;;) {
        RangeLock* c = e.ranges.find_conflict(owner, type, s, end);
        if (!c || range_owner_alive(e, *c)) return c;
        RangeLockQueue gone;
        e.ranges.remove_owner(c->owner, gone);
        count_removed(t, gone);
        while (RangeLock* l = gone.pop_front()) freed.push_back(*l);
    }
}

const void* waiting_for(LockTable& t, const void* owner) {
    for (BlockedOwner& b : t.blocked)
        if (b.owner == owner) return b.blocker;
    return nullptr;
}

// linux: posix_locks_deadlock(): does blocker (transitively) wait for owner?
bool deadlock(LockTable& t, const void* owner, const void* blocker) {
    const void* cur = blocker;
    for (int i = 0; i <= kMaxDeadlockIterations; i++) {
        const void* next = waiting_for(t, cur);
        if (!next) return false;
        if (next == owner) return true;
        cur = next;
    }
    return false;
}

// Sleeps until the table changes (or the periodic re-check is due). ERESTARTSYS on a signal.
Result<void> wait_for_change(LockTable& t, u64 gen) {
    auto r = t.waiters.wait_interruptible(
        [&] { return t.generation.load(std::memory_order_acquire) != gen; }, arch::clock_ns() + kRecheckNs);
    if (r.is_error()) return Error(ERESTARTSYS);
    return {};
}

}  // namespace

Result<void> posix_lock_get(File& f, struct flock& fl, bool ofd) {
    if (fl.l_type != F_RDLCK && fl.l_type != F_WRLCK) return Error(EINVAL);
    i64 s, e;
    TRY(lock_range_from_flock(fl.l_whence, fl.l_start, fl.l_len, static_cast<i64>(f.offset()),
                              static_cast<i64>(f.inode().size()), s, e));
    if (ofd && fl.l_pid != 0) return Error(EINVAL);
    const void* owner = ofd ? static_cast<const void*>(&f) : current_process()->fds.ptr();
    LockTable& t = table();
    RangeLockQueue freed;
    {
        MutexGuard g(t.mutex);
        InodeLocks* entry = find_inode(t, f.inode());
        RangeLock* c = entry ? live_conflict(t, *entry, owner, fl.l_type, s, e, freed) : nullptr;
        if (!c) {
            fl.l_type = F_UNLCK;
        } else {
            fl.l_type = c->type;
            fl.l_whence = SEEK_SET;
            fl.l_start = c->start;
            fl.l_len = c->end == kLockOffsetMax ? 0 : c->end - c->start + 1;
            fl.l_pid = c->file ? -1 : c->pid;
        }
    }
    free_ranges(freed);
    return {};
}

Result<void> posix_lock_set(File& f, const struct flock& fl, bool ofd, bool wait) {
    i64 s, e;
    TRY(lock_range_from_flock(fl.l_whence, fl.l_start, fl.l_len, static_cast<i64>(f.offset()),
                              static_cast<i64>(f.inode().size()), s, e));
    short type = fl.l_type;
    if (type != F_RDLCK && type != F_WRLCK && type != F_UNLCK) return Error(EINVAL);
    // linux: check_fmode_for_setlk().
    if ((type == F_RDLCK && !f.readable()) || (type == F_WRLCK && !f.writable())) return Error(EBADF);
    if (ofd && fl.l_pid != 0) return Error(EINVAL);
    Process* self = current_process();
    const void* owner = ofd ? static_cast<const void*>(&f) : self->fds.ptr();
    LockTable& t = table();

    RangeLockQueue spare, freed;
    IntrusiveList<InodeLocks, &InodeLocks::node> dead;
    struct Cleanup {
        RangeLockQueue& a;
        RangeLockQueue& b;
        IntrusiveList<InodeLocks, &InodeLocks::node>& c;
        ~Cleanup() {
            free_ranges(a);
            free_ranges(b);
            free_inodes(c);
        }
    } cleanup{spare, freed, dead};
    for (int i = 0; i < 2; i++) spare.push_back(*TRY(try_make<RangeLock>()));

    for (;;) {
        BlockedOwner me{{}, owner, nullptr};
        u64 gen;
        {
            MutexGuard g(t.mutex);
            gen = t.generation.load(std::memory_order_acquire);
            InodeLocks* entry = TRY(get_inode(t, f.inode()));
            RangeLock* c = type == F_UNLCK ? nullptr : live_conflict(t, *entry, owner, type, s, e, freed);
            if (!c) {
                RangeLockQueue replaced;
                entry->ranges.apply(owner, self->pid, ofd ? &f : nullptr, type, s, e, spare, replaced);
                (ofd ? t.file_count : t.posix_count).fetch_add(2 - spare.size(), std::memory_order_relaxed);
                count_removed(t, replaced);
                while (RangeLock* l = replaced.pop_front()) freed.push_back(*l);
                drop_if_empty(t, *entry, dead);
                wake_all(t);
                return {};
            }
            if (!wait) {
                drop_if_empty(t, *entry, dead);
                return Error(EAGAIN);
            }
            // linux: only POSIX waiters take part in deadlock detection (never OFD ones).
            if (!ofd) {
                if (deadlock(t, owner, c->owner)) return Error(EDEADLK);
                me.blocker = c->owner;
                t.blocked.push_back(me);
            }
        }
        auto r = wait_for_change(t, gen);
        if (!ofd) {
            MutexGuard g(t.mutex);
            t.blocked.remove(me);
        }
        TRY(std::move(r));
    }
}

Result<void> flock_apply(File& f, short type, bool wait) {
    LockTable& t = table();
    IntrusiveList<InodeLocks, &InodeLocks::node> dead;
    RefPtr<File> dropped;   // released after the mutex
    FlockEntry* fresh = nullptr;
    if (type != F_UNLCK) fresh = TRY(try_make<FlockEntry>());
    OwnPtr<FlockEntry> fresh_owner(fresh);
    struct Cleanup {
        IntrusiveList<InodeLocks, &InodeLocks::node>& c;
        ~Cleanup() { free_inodes(c); }
    } cleanup{dead};

    bool first = true;
    for (;;) {
        u64 gen;
        {
            MutexGuard g(t.mutex);
            gen = t.generation.load(std::memory_order_acquire);
            InodeLocks* entry = TRY(get_inode(t, f.inode()));
            if (first) {
                first = false;
                // linux: flock_lock_inode(): an existing lock of this description is replaced,
                // and is gone even if the new one cannot be had (conversion is not atomic).
                for (FlockEntry& fe : entry->flocks) {
                    if (fe.file.ptr() != &f) continue;
                    if (fe.type == type) return {};
                    entry->flocks.remove(fe);
                    t.file_count.fetch_sub(1, std::memory_order_relaxed);
                    dropped = move_ref(fe.file);
                    OwnPtr<FlockEntry> drop(&fe);
                    wake_all(t);
                    break;
                }
                if (type == F_UNLCK) {
                    drop_if_empty(t, *entry, dead);
                    return {};
                }
            }
            FlockEntry* conflict = nullptr;
            for (FlockEntry& fe : entry->flocks) {
                if (fe.file.ptr() == &f || (type != F_WRLCK && fe.type != F_WRLCK)) continue;
                if (!file_alive(*entry, *fe.file)) continue;   // collected below, not a holder
                conflict = &fe;
                break;
            }
            if (!conflict) {
                FlockEntry* n = fresh_owner.leak();
                n->file = RefPtr<File>(&f);
                n->type = type;
                entry->flocks.push_back(*n);
                t.file_count.fetch_add(1, std::memory_order_relaxed);
                return {};
            }
            if (!wait) {
                drop_if_empty(t, *entry, dead);
                return Error(EAGAIN);
            }
        }
        auto r = wait_for_change(t, gen);
        file_locks_collect();
        TRY(std::move(r));
    }
}

void file_locks_release_process(Process* p, Inode* inode) {
    if (!p || !p->fds) return;
    LockTable& t = table();
    if (t.posix_count.load(std::memory_order_relaxed) == 0) return;
    const void* owner = p->fds.ptr();
    RangeLockQueue freed;
    IntrusiveList<InodeLocks, &InodeLocks::node> dead;
    {
        MutexGuard g(t.mutex);
        for (InodeLocks& e : t.inodes) {
            if (inode && e.inode.ptr() != inode) continue;
            RangeLockQueue gone;
            // OFD locks use File owners, never a descriptor table: only POSIX locks match.
            e.ranges.remove_owner(owner, gone);
            count_removed(t, gone);
            while (RangeLock* l = gone.pop_front()) freed.push_back(*l);
            drop_if_empty(t, e, dead);
        }
        if (!freed.empty()) wake_all(t);
    }
    free_ranges(freed);
    free_inodes(dead);
}

void file_locks_collect() {
    LockTable& t = table();
    if (t.file_count.load(std::memory_order_relaxed) == 0) return;
    RangeLockQueue freed;
    IntrusiveList<FlockEntry, &FlockEntry::node> gone_flocks;
    IntrusiveList<InodeLocks, &InodeLocks::node> dead;
    {
        MutexGuard g(t.mutex);
        for (InodeLocks& e : t.inodes) {
            for (;;) {
                const void* gone_owner = nullptr;
                for (RangeLock& l : e.ranges.locks()) {
                    if (l.file && !file_alive(e, *l.file)) {
                        gone_owner = l.owner;
                        break;
                    }
                }
                if (!gone_owner) break;
                RangeLockQueue gone;
                e.ranges.remove_owner(gone_owner, gone);   // every lock of that description
                count_removed(t, gone);
                // Let go of the description now, so that this pass judges its flock lock by the
                // references that remain (the File's release does not sleep).
                while (RangeLock* x = gone.pop_front()) {
                    x->file = nullptr;
                    freed.push_back(*x);
                }
            }
            for (FlockEntry& fe : e.flocks) {
                if (file_alive(e, *fe.file)) continue;
                e.flocks.remove(fe);
                fe.file = nullptr;
                gone_flocks.push_back(fe);
                t.file_count.fetch_sub(1, std::memory_order_relaxed);
            }
            drop_if_empty(t, e, dead);
        }
        if (!freed.empty() || !gone_flocks.empty()) wake_all(t);
    }
    free_ranges(freed);
    while (FlockEntry* fe = gone_flocks.pop_front()) OwnPtr<FlockEntry> drop(fe);
    free_inodes(dead);
}

bool file_locks_held_by(Process* p) {
    if (!p || !p->fds) return false;
    LockTable& t = table();
    if (t.posix_count.load(std::memory_order_relaxed) == 0) return false;
    MutexGuard g(t.mutex);
    for (InodeLocks& e : t.inodes)
        for (RangeLock& l : e.ranges.locks())
            if (l.owner == p->fds.ptr()) return true;
    return false;
}
