// SPDX-License-Identifier: MIT
// The helpers behind the file syscalls that work without a process: struct flock range
// conversion, the byte-range lock list (conflicts, merging, splitting, unlocking), flock(2)
// between open file descriptions, iovec validation, and openat2's RESOLVE_* pre-walk on a
// scratch tmpfs. The syscalls themselves are covered by the contract suite (tests/contract/).
#include "abi/linux/uapi.h"
#include "ktest/ktest.h"
#include "mm/kheap.h"
#include "syscalls/fs_iov.h"
#include "syscalls/fs_locks.h"
#include "syscalls/fs_resolve.h"
#include "vfs_test_util.h"

namespace {

// Two distinct fake owners (the list only compares the pointers).
int g_owner_a, g_owner_b;
const void* const A = &g_owner_a;
const void* const B = &g_owner_b;

struct Pool {
    RangeLockQueue spare, freed;
    Pool() { refill(); }
    ~Pool() {
        drain(spare);
        drain(freed);
    }
    void refill() {
        while (spare.size() < 2) {
            auto r = try_make<RangeLock>();
            VERIFY(r.is_ok());
            spare.push_back(*r.value());
        }
    }
    static void drain(RangeLockQueue& q) {
        while (RangeLock* l = q.pop_front()) OwnPtr<RangeLock> drop(l);
    }
};

void set(RangeLockList& list, Pool& pool, const void* owner, short type, i64 s, i64 e) {
    pool.refill();
    list.apply(owner, 1, nullptr, type, s, e, pool.spare, pool.freed);
}

// The owner's locks as "type:start-end" in list order, for comparison.
bool has(RangeLockList& list, const void* owner, short type, i64 s, i64 e) {
    for (RangeLock& l : list.locks())
        if (l.owner == owner && l.type == type && l.start == s && l.end == e) return true;
    return false;
}

usize count_of(RangeLockList& list, const void* owner) {
    usize n = 0;
    for (RangeLock& l : list.locks()) n += l.owner == owner;
    return n;
}

void clear(RangeLockList& list, Pool& pool) {
    list.remove_owner(A, pool.freed);
    list.remove_owner(B, pool.freed);
}

}  // namespace

KTEST(fsys_lock_ranges, "fsys.lock_range_from_flock") {
    i64 s = 0, e = 0;
    KEXPECT(lock_range_from_flock(SEEK_SET, 0, 5, 0, 0, s, e).is_ok());
    KEXPECT_EQ(s, 0);
    KEXPECT_EQ(e, 4);
    KEXPECT(lock_range_from_flock(SEEK_SET, 3, 0, 0, 0, s, e).is_ok());
    KEXPECT_EQ(e, kLockOffsetMax);
    KEXPECT(lock_range_from_flock(SEEK_CUR, 2, 2, 10, 0, s, e).is_ok());
    KEXPECT_EQ(s, 12);
    KEXPECT_EQ(e, 13);
    KEXPECT(lock_range_from_flock(SEEK_END, -4, 4, 0, 10, s, e).is_ok());
    KEXPECT_EQ(s, 6);
    KEXPECT_EQ(e, 9);
    // Negative length: the bytes before start.
    KEXPECT(lock_range_from_flock(SEEK_SET, 10, -3, 0, 0, s, e).is_ok());
    KEXPECT_EQ(s, 7);
    KEXPECT_EQ(e, 9);
    KEXPECT_EQ(lock_range_from_flock(SEEK_SET, 2, -3, 0, 0, s, e).error_code(), EINVAL);
    KEXPECT_EQ(lock_range_from_flock(SEEK_SET, -5, 1, 0, 0, s, e).error_code(), EINVAL);
    KEXPECT_EQ(lock_range_from_flock(7, 0, 1, 0, 0, s, e).error_code(), EINVAL);
    KEXPECT_EQ(lock_range_from_flock(SEEK_CUR, kLockOffsetMax, 1, 1, 0, s, e).error_code(), EOVERFLOW);
    KEXPECT_EQ(lock_range_from_flock(SEEK_SET, 10, kLockOffsetMax, 0, 0, s, e).error_code(), EOVERFLOW);
}

KTEST(fsys_lock_conflicts, "fsys.locks_conflicts") {
    RangeLockList list;
    Pool pool;
    set(list, pool, A, F_RDLCK, 0, 9);
    KEXPECT(!list.find_conflict(B, F_RDLCK, 0, 9));      // readers share
    KEXPECT(list.find_conflict(B, F_WRLCK, 5, 5));       // a writer does not
    KEXPECT(!list.find_conflict(B, F_WRLCK, 10, 20));    // outside the range
    KEXPECT(!list.find_conflict(A, F_WRLCK, 0, 9));      // never with oneself
    set(list, pool, B, F_RDLCK, 5, kLockOffsetMax);
    KEXPECT(list.find_conflict(A, F_WRLCK, 100, 100));
    clear(list, pool);
    KEXPECT(list.empty());
}

KTEST(fsys_lock_merge_split, "fsys.locks_merge_split") {
    RangeLockList list;
    Pool pool;
    // Adjacent and overlapping locks of one type merge.
    set(list, pool, A, F_WRLCK, 0, 4);
    set(list, pool, A, F_WRLCK, 5, 9);
    KEXPECT_EQ(count_of(list, A), 1u);
    KEXPECT(has(list, A, F_WRLCK, 0, 9));
    set(list, pool, A, F_WRLCK, 8, 20);
    KEXPECT(has(list, A, F_WRLCK, 0, 20));
    // A different type in the middle splits it in three.
    set(list, pool, A, F_RDLCK, 5, 9);
    KEXPECT_EQ(count_of(list, A), 3u);
    KEXPECT(has(list, A, F_WRLCK, 0, 4));
    KEXPECT(has(list, A, F_RDLCK, 5, 9));
    KEXPECT(has(list, A, F_WRLCK, 10, 20));
    // Unlocking a range cuts what overlaps it.
    set(list, pool, A, F_UNLCK, 3, 12);
    KEXPECT_EQ(count_of(list, A), 2u);
    KEXPECT(has(list, A, F_WRLCK, 0, 2));
    KEXPECT(has(list, A, F_WRLCK, 13, 20));
    // Upgrading across both pieces joins them again; other owners are untouched.
    set(list, pool, B, F_RDLCK, 100, 200);
    set(list, pool, A, F_WRLCK, 0, 20);
    KEXPECT_EQ(count_of(list, A), 1u);
    KEXPECT(has(list, A, F_WRLCK, 0, 20));
    KEXPECT(has(list, B, F_RDLCK, 100, 200));
    // "To EOF" locks never wrap when checking adjacency.
    set(list, pool, A, F_RDLCK, 30, kLockOffsetMax);
    set(list, pool, A, F_RDLCK, 21, 29);
    KEXPECT(has(list, A, F_RDLCK, 21, kLockOffsetMax));
    KEXPECT_EQ(list.remove_owner(A, pool.freed), 2u);
    KEXPECT_EQ(count_of(list, B), 1u);
    clear(list, pool);
}

KTEST(fsys_iovec_check, "fsys.iovec_check") {
    IoSegment v[3] = {{0x1000, 10}, {0x2000, 0}, {0x3000, 20}};
    auto r = iovec_check(v, 3);
    KASSERT(r.is_ok());
    KEXPECT_EQ(r.value(), 30u);
    // A length above SSIZE_MAX is EINVAL even after a bad pointer (checked first, as Linux).
    IoSegment bad[2] = {{0xffff800000000000ull, 1}, {0x1000, ~usize(0)}};
    KEXPECT_EQ(iovec_check(bad, 2).error_code(), EINVAL);
    // A kernel address is EFAULT.
    IoSegment kern[1] = {{0xffff800000000000ull, 1}};
    KEXPECT_EQ(iovec_check(kern, 1).error_code(), EFAULT);
    // Totals beyond MAX_RW_COUNT are clamped, not refused.
    IoSegment big[2] = {{0x1000, 0x70000000}, {0x1000, 0x70000000}};
    auto r2 = iovec_check(big, 2);
    KASSERT(r2.is_ok());
    KEXPECT_EQ(r2.value(), usize(0x7ffff000));
    KEXPECT_EQ(big[1].len, usize(0x7ffff000 - 0x70000000));
}

KTEST(fsys_flock, "fsys.flock_descriptions") {
    using namespace vfs_test;
    Scratch s("fsys-flock");
    KASSERT(s.ok);
    WalkContext c = s.ctx();
    KASSERT(put_file(c, "f", "x").is_ok());
    auto a = open(c, "f", O_RDONLY);
    auto b = open(c, "f", O_RDONLY);
    KASSERT(a.is_ok() && b.is_ok());
    KEXPECT(flock_apply(*a.value(), F_RDLCK, false).is_ok());
    KEXPECT(flock_apply(*b.value(), F_RDLCK, false).is_ok());    // shared with shared
    KEXPECT_EQ(flock_apply(*b.value(), F_WRLCK, false).error_code(), EAGAIN);
    // The failed conversion dropped b's shared lock (linux: not atomic), so a may upgrade.
    KEXPECT(flock_apply(*a.value(), F_WRLCK, false).is_ok());
    KEXPECT(flock_apply(*a.value(), F_WRLCK, false).is_ok());    // same type again: no-op
    KEXPECT_EQ(flock_apply(*b.value(), F_RDLCK, false).error_code(), EAGAIN);
    // The last reference to a's description goes: its lock is collected.
    RefPtr<File> gone = a.release_value();
    gone = nullptr;
    file_locks_collect();
    KEXPECT(flock_apply(*b.value(), F_WRLCK, false).is_ok());
    KEXPECT(flock_apply(*b.value(), F_UNLCK, false).is_ok());
    KEXPECT(flock_apply(*b.value(), F_UNLCK, false).is_ok());
}

KTEST(fsys_resolve_check, "fsys.resolve_check") {
    using namespace vfs_test;
    Scratch s("fsys-resolve");
    KASSERT(s.ok);
    WalkContext c = s.ctx();
    KASSERT(vfs_mkdir(c, "root", 0755).is_ok());
    KASSERT(vfs_mkdir(c, "root/sub", 0755).is_ok());
    KASSERT(put_file(c, "root/sub/f", "x").is_ok());
    KASSERT(vfs_symlink("sub/f", c, "root/rel").is_ok());
    KASSERT(vfs_symlink("/f", c, "root/abs").is_ok());
    KASSERT(vfs_symlink("../x", c, "root/up").is_ok());
    KASSERT(vfs_symlink("sub", c, "root/dirlink").is_ok());
    auto root = resolve(c, "root");
    KASSERT(root.is_ok());
    // Scoped: the start directory is the root of the walk.
    WalkContext scoped{root.value(), root.value(), kernel_credentials()};
    constexpr u64 kBeneath = RESOLVE_BENEATH, kNoSym = RESOLVE_NO_SYMLINKS, kNoXdev = RESOLVE_NO_XDEV;
    KEXPECT(resolve_check(scoped, "sub/f", kBeneath, true).is_ok());
    KEXPECT(resolve_check(scoped, "sub/../sub/f", kBeneath, true).is_ok());
    KEXPECT(resolve_check(scoped, "rel", kBeneath, true).is_ok());
    KEXPECT_EQ(resolve_check(scoped, "../x", kBeneath, true).error_code(), EXDEV);
    KEXPECT_EQ(resolve_check(scoped, "sub/../../x", kBeneath, true).error_code(), EXDEV);
    KEXPECT_EQ(resolve_check(scoped, "/f", kBeneath, true).error_code(), EXDEV);
    KEXPECT_EQ(resolve_check(scoped, "abs", kBeneath, true).error_code(), EXDEV);
    KEXPECT_EQ(resolve_check(scoped, "up", kBeneath, true).error_code(), EXDEV);
    KEXPECT(resolve_check(scoped, "abs", kBeneath, false).is_ok());   // not followed: fine
    KEXPECT(resolve_check(scoped, "missing/../../x", kBeneath, true).is_ok());   // ENOENT is the walk's
    // IN_ROOT clamps instead of failing.
    KEXPECT(resolve_check(scoped, "../../sub/f", RESOLVE_IN_ROOT, true).is_ok());
    KEXPECT(resolve_check(scoped, "abs", RESOLVE_IN_ROOT, true).is_ok());
    // NO_SYMLINKS: anywhere in the path, the last component only when followed.
    KEXPECT_EQ(resolve_check(scoped, "rel", kNoSym, true).error_code(), ELOOP);
    KEXPECT_EQ(resolve_check(scoped, "dirlink/f", kNoSym, false).error_code(), ELOOP);
    KEXPECT_EQ(resolve_check(scoped, "dirlink/", kNoSym, false).error_code(), ELOOP);
    KEXPECT(resolve_check(scoped, "rel", kNoSym, false).is_ok());
    KEXPECT(resolve_check(scoped, "sub/f", kNoSym, true).is_ok());
    // NO_XDEV: the scratch directory is a mount; stepping in or out of it is EXDEV.
    WalkContext from_root{vfs_root(), vfs_root(), kernel_credentials()};
    char path[96];
    format(path, sizeof(path), "%s/root", s.dir());
    KEXPECT_EQ(resolve_check(from_root, path, kNoXdev, true).error_code(), EXDEV);
    KEXPECT_EQ(resolve_check(c, "..", kNoXdev, true).error_code(), EXDEV);
    KEXPECT(resolve_check(c, "root/sub/f", kNoXdev, true).is_ok());
    KEXPECT(resolve_check(c, "root/rel", kNoXdev, true).is_ok());
}
