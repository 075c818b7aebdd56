// SPDX-License-Identifier: MIT
// Event delivery to the marks of an inode and of its parent (see fsnotify.h).
#include "fs/notify/fsnotify.h"

#include "fs/vfs/dentry.h"
#include "fs/vfs/file.h"
#include "sync/lockdep.h"

constinit std::atomic<u32> g_fsnotify_mark_count{0};

namespace {

constinit Spinlock g_lock(LockRank::Fsnotify, "fsnotify");
constinit FsnotifyGroup* g_wake_list = nullptr;   // under g_lock
constinit std::atomic<u32> g_cookie{0};
constinit FsnotifyMark* g_all_marks = nullptr;   // under g_lock, chained through all_next
constinit std::atomic<u32> g_numbered_count{0};

bool per_lookup(const Inode& inode) { return inode.sb().inodes_per_lookup(); }

// The inode whose marks stand for `inode`: itself, or the watched Inode of the same file on
// a file system that makes an Inode per lookup. Null when there is none.
Inode* watched_locked(Inode& inode) {
    if (inode.fsnotify_marks) return &inode;
    if (!g_numbered_count.load(std::memory_order_relaxed) || !per_lookup(inode)) return nullptr;
    for (FsnotifyMark* m = g_all_marks; m; m = m->all_next)
        if (fsnotify_same_inode(*m->inode, inode)) return m->inode;
    return nullptr;
}

// The bits a group may see of an event's mask.
constexpr u32 kReportable = IN_ALL_EVENTS | IN_ISDIR | IN_UNMOUNT | IN_IGNORED | IN_Q_OVERFLOW;

void deliver_locked(Inode& target, u32 mask, u32 cookie, StringView name, bool unlinked, FsnotifyMark** dead) {
    Inode* inode = watched_locked(target);
    if (!inode) return;
    FsnotifyMark* next;
    for (FsnotifyMark* m = inode->fsnotify_marks; m; m = next) {
        next = m->inode_next;
        if (!(m->mask & mask & IN_ALL_EVENTS)) continue;
        // linux: FSNOTIFY_MARK_FLAG_EXCL_UNLINK: no events through an unlinked name.
        if (unlinked && (m->mask & IN_EXCL_UNLINK)) continue;
        m->group->queue_event(*m, mask & kReportable, cookie, name);
        if (m->mask & IN_ONESHOT) fsnotify_detach_mark_locked(*m, true, dead);
    }
}

}  // namespace

void fsnotify_wake_pending() {
    for (;;) {
        FsnotifyGroup* g;
        {
            SpinlockGuard guard(g_lock);
            g = g_wake_list;
            if (!g) return;
            g_wake_list = g->wake_next;
            g->wake_next = nullptr;
            g->wake_pending = false;
        }
        g->wake();
        RefPtr<FsnotifyGroup>::adopt(g);   // the reference fsnotify_want_wake_locked took
    }
}

namespace {

// Runs fn(dead) under the lock, then wakes and frees outside it.
template <typename Fn>
void with_lock(Fn fn) {
    FsnotifyMark* dead = nullptr;
    {
        SpinlockGuard guard(g_lock);
        fn(&dead);
    }
    fsnotify_wake_pending();
    fsnotify_free_marks(dead);
}

bool has_marks(const Inode& inode) {
    return inode.fsnotify_mask.load(std::memory_order_relaxed) != 0 ||
           (g_numbered_count.load(std::memory_order_relaxed) && per_lookup(inode));
}

}  // namespace

Spinlock& fsnotify_lock() { return g_lock; }

void fsnotify_want_wake_locked(FsnotifyGroup& g) {
    if (g.wake_pending) return;
    g.wake_pending = true;
    g.ref();
    g.wake_next = g_wake_list;
    g_wake_list = &g;
}

void fsnotify_recalc_mask_locked(Inode& inode) {
    u32 mask = 0;
    for (FsnotifyMark* m = inode.fsnotify_marks; m; m = m->inode_next) mask |= m->mask | IN_IGNORED;
    inode.fsnotify_mask.store(mask, std::memory_order_relaxed);
}

bool fsnotify_same_inode(const Inode& watched, const Inode& other) {
    return &watched == &other || (&watched.sb() == &other.sb() && watched.ino() == other.ino() && per_lookup(other));
}

void fsnotify_add_mark_locked(FsnotifyMark& mark) {
    mark.all_next = g_all_marks;
    g_all_marks = &mark;
    if (per_lookup(*mark.inode)) g_numbered_count.fetch_add(1, std::memory_order_relaxed);
    mark.inode_next = mark.inode->fsnotify_marks;
    mark.inode->fsnotify_marks = &mark;
    mark.group_next = mark.group->marks;
    mark.group->marks = &mark;
    fsnotify_recalc_mask_locked(*mark.inode);
    g_fsnotify_mark_count.fetch_add(1, std::memory_order_relaxed);
}

void fsnotify_detach_mark_locked(FsnotifyMark& mark, bool ignored, FsnotifyMark** dead) {
    for (FsnotifyMark** p = &mark.inode->fsnotify_marks; *p; p = &(*p)->inode_next) {
        if (*p == &mark) {
            *p = mark.inode_next;
            break;
        }
    }
    for (FsnotifyMark** p = &mark.group->marks; *p; p = &(*p)->group_next) {
        if (*p == &mark) {
            *p = mark.group_next;
            break;
        }
    }
    for (FsnotifyMark** p = &g_all_marks; *p; p = &(*p)->all_next) {
        if (*p == &mark) {
            *p = mark.all_next;
            break;
        }
    }
    if (per_lookup(*mark.inode)) g_numbered_count.fetch_sub(1, std::memory_order_relaxed);
    fsnotify_recalc_mask_locked(*mark.inode);
    if (ignored) mark.group->queue_event(mark, IN_IGNORED, 0, {});
    mark.group->mark_detached_locked(mark);
    g_fsnotify_mark_count.fetch_sub(1, std::memory_order_relaxed);
    mark.group_next = *dead;
    *dead = &mark;
}

void fsnotify_free_marks(FsnotifyMark* dead) {
    while (dead) {
        FsnotifyMark* next = dead->group_next;
        RefPtr<Inode>::adopt(dead->inode);
        delete dead;
        dead = next;
    }
}

void fsnotify_name(Inode& dir, StringView name, u32 mask, u32 cookie) {
    if (!has_marks(dir)) return;
    with_lock([&](FsnotifyMark** dead) { deliver_locked(dir, mask, cookie, name, false, dead); });
}

void fsnotify_self(Inode& inode, u32 mask) {
    if (!has_marks(inode)) return;
    with_lock([&](FsnotifyMark** dead) { deliver_locked(inode, mask, 0, {}, false, dead); });
}

void fsnotify_parent_and_self(Dentry& d, u32 mask, bool unlinked) {
    Inode& inode = *d.inode();
    if (inode.is_dir()) mask |= IN_ISDIR;
    // The parent and the name need the dcache mutex: a File whose last reference goes under a
    // spinlock tells only its own watches.
    bool can_sleep = !lockdep_holding_spinlock();
    RefPtr<Dentry> parent = d.is_root() || !can_sleep ? RefPtr<Dentry>() : d.parent_ref();
    Inode* dir = parent && has_marks(*parent->inode()) ? parent->inode() : nullptr;
    if (!dir && !has_marks(inode)) return;
    char name[NAME_MAX + 1];
    usize len = dir ? d.copy_name(name, sizeof name) : 0;
    with_lock([&](FsnotifyMark** dead) {
        // linux: fsnotify_handle_event(): the parent's watch gets the name, then the child's
        // own watch gets the event without one.
        if (dir) deliver_locked(*dir, mask, 0, StringView(name, len), unlinked, dead);
        deliver_locked(inode, mask, 0, {}, unlinked, dead);
    });
}

void fsnotify_file_event(File& f, u32 mask) {
    Dentry* d = f.path().dentry.ptr();
    if (!d) return;   // anonymous inodes (pipes, sockets, eventfd...) have no watches
    fsnotify_parent_and_self(*d, mask, !d->is_hashed() && !d->is_root());
}

void fsnotify_move_event(Inode& old_dir, StringView old_name, Inode& new_dir, StringView new_name, Inode& moved,
                         Inode* replaced) {
    u32 isdir = moved.is_dir() ? IN_ISDIR : 0;
    u32 cookie = g_cookie.fetch_add(1, std::memory_order_relaxed) + 1;
    with_lock([&](FsnotifyMark** dead) {
        deliver_locked(old_dir, IN_MOVED_FROM | isdir, cookie, old_name, false, dead);
        deliver_locked(new_dir, IN_MOVED_TO | isdir, cookie, new_name, false, dead);
        // linux: fsnotify_inode() events on the inode itself carry no IN_ISDIR.
        if (replaced) deliver_locked(*replaced, IN_ATTRIB, 0, {}, false, dead);
        deliver_locked(moved, IN_MOVE_SELF, 0, {}, false, dead);
    });
}

void fsnotify_dropping(Dentry& d) {
    Inode* inode = d.inode();
    if (!inode || !has_marks(*inode) || d.ref_count() != 1 || d.is_hashed() || d.is_root() || inode->nlink() != 0)
        return;
    // linux: fsnotify_inoderemove(): IN_DELETE_SELF, then every watch goes with IN_IGNORED.
    with_lock([&](FsnotifyMark** dead) {
        deliver_locked(*inode, IN_DELETE_SELF, 0, {}, false, dead);
        while (inode->fsnotify_marks) fsnotify_detach_mark_locked(*inode->fsnotify_marks, true, dead);
    });
}

u32 fsnotify_setattr_mask(u32 a) {
    // linux: fsnotify_change(): both times is utime(s); one alone reads as an access or a write.
    u32 mask = 0;
    if (a & (SetAttr::kUid | SetAttr::kGid | SetAttr::kMode)) mask |= IN_ATTRIB;
    if (a & SetAttr::kSize) mask |= IN_MODIFY;
    if ((a & (SetAttr::kAtime | SetAttr::kMtime)) == (SetAttr::kAtime | SetAttr::kMtime)) mask |= IN_ATTRIB;
    else if (a & SetAttr::kAtime) mask |= IN_ACCESS;
    else if (a & SetAttr::kMtime) mask |= IN_MODIFY;
    return mask;
}

void fsnotify_sb_shutdown(SuperBlock& sb) {
    if (!fsnotify_active()) return;
    // linux: fsnotify_sb_delete(): IN_UNMOUNT on every watched inode, then the watches go.
    with_lock([&](FsnotifyMark** dead) {
        FsnotifyMark* next;
        for (FsnotifyMark* m = g_all_marks; m; m = next) {
            next = m->all_next;
            if (&m->inode->sb() != &sb) continue;
            m->group->queue_event(*m, IN_UNMOUNT, 0, {});
            // The next mark may be detached too; restart from the head once this one is gone.
            fsnotify_detach_mark_locked(*m, true, dead);
            next = g_all_marks;
        }
    });
}
