// SPDX-License-Identifier: MIT
// File-system change notification (linux: fs/notify/fsnotify.c, include/linux/fsnotify.h): the
// VFS calls one hook per operation, and the hook hands the event to every watch (mark) on the
// inode and, for events a child can have, to the watches on its parent directory with the
// child's name. inotify (inotify.cpp) is the one kind of group so far.
//
// Every hook is an inline check of one global counter, so a system without watches pays a load
// per operation. Marks hold a reference on their inode; they go when the group removes them,
// when a oneshot watch fired, or when the inode is deleted: the last reference to an unlinked
// name is dropped (fsnotify_dentry_dropping), as Linux's dentry_unlink_inode.
//
// Locking: one spinlock (rank Fsnotify) guards every mark list and every group's queue. Groups
// are woken only after it is released (waking may run epoll callbacks and send signals).
#pragma once

#include <atomic>

#include "abi/linux/uapi.h"
#include "lib/ref_ptr.h"
#include "lib/string_view.h"
#include "sync/spinlock.h"

class Dentry;
class File;
class Inode;
class SuperBlock;
class FsnotifyGroup;

struct FsnotifyMark {
    FsnotifyGroup* group;
    Inode* inode;                   // holds a reference
    FsnotifyMark* inode_next = nullptr;
    FsnotifyMark* group_next = nullptr;
    FsnotifyMark* all_next = nullptr;   // every mark in the system
    u32 mask;                       // IN_ALL_EVENTS bits plus IN_ONESHOT / IN_EXCL_UNLINK
    int wd;
};

class FsnotifyGroup : public RefCounted<FsnotifyGroup> {
public:
    virtual ~FsnotifyGroup() = default;
    // Queues an event for mark (fsnotify lock held; must not sleep). name is empty for events
    // on the watched inode itself.
    virtual void queue_event(FsnotifyMark& mark, u32 mask, u32 cookie, StringView name) = 0;
    // Wakes the group's readers (no lock held).
    virtual void wake() = 0;
    // mark left the group, whatever the reason (fsnotify lock held).
    virtual void mark_detached_locked(FsnotifyMark&) {}

    FsnotifyMark* marks = nullptr;  // this group's marks, chained through group_next
    FsnotifyGroup* wake_next = nullptr;
    bool wake_pending = false;
};

Spinlock& fsnotify_lock();
extern std::atomic<u32> g_fsnotify_mark_count;
inline bool fsnotify_active() { return g_fsnotify_mark_count.load(std::memory_order_relaxed) != 0; }

// Mark management for groups (fsnotify lock held by the caller for the _locked ones).
void fsnotify_add_mark_locked(FsnotifyMark& mark);      // mark.inode referenced by the caller
// Unchains mark; queues IN_IGNORED to its group when ignored. The mark and its inode reference
// go on *dead, to be freed by fsnotify_free_marks after the lock is dropped.
void fsnotify_detach_mark_locked(FsnotifyMark& mark, bool ignored, FsnotifyMark** dead);
void fsnotify_recalc_mask_locked(Inode& inode);
// The file system goes away (umount): its watches see IN_UNMOUNT, then IN_IGNORED.
void fsnotify_sb_shutdown(SuperBlock& sb);
// Whether a watch on `watched` covers `other`: the same object, or the same file on a file
// system that makes an Inode per lookup.
bool fsnotify_same_inode(const Inode& watched, const Inode& other);
void fsnotify_free_marks(FsnotifyMark* dead);            // chained through group_next
// Queues g for a wake-up after the lock is released (called from queue_event), and the
// wake-ups themselves (no lock held).
void fsnotify_want_wake_locked(FsnotifyGroup& g);
void fsnotify_wake_pending();

// The event machinery behind the hooks below.
void fsnotify_parent_and_self(Dentry& d, u32 mask, bool unlinked);
void fsnotify_name(Inode& dir, StringView name, u32 mask, u32 cookie);
void fsnotify_self(Inode& inode, u32 mask);
void fsnotify_file_event(File& f, u32 mask);
void fsnotify_move_event(Inode& old_dir, StringView old_name, Inode& new_dir, StringView new_name, Inode& moved,
                         Inode* replaced);
void fsnotify_dropping(Dentry& d);
u32 fsnotify_setattr_mask(u32 setattr_mask);

// --- hooks ----------------------------------------------------------------------------------
inline void fsnotify_open(File& f) {
    if (fsnotify_active()) fsnotify_file_event(f, IN_OPEN);
}
inline void fsnotify_access(File& f) {
    if (fsnotify_active()) fsnotify_file_event(f, IN_ACCESS);
}
inline void fsnotify_modify(File& f) {
    if (fsnotify_active()) fsnotify_file_event(f, IN_MODIFY);
}
// The last reference to an open file description is gone.
inline void fsnotify_close(File& f, bool wrote) {
    if (fsnotify_active()) fsnotify_file_event(f, wrote ? IN_CLOSE_WRITE : IN_CLOSE_NOWRITE);
}
// A name appeared in dir (create, mkdir, mknod, symlink, link).
inline void fsnotify_create(Inode& dir, StringView name, bool is_dir) {
    if (fsnotify_active()) fsnotify_name(dir, name, IN_CREATE | (is_dir ? IN_ISDIR : 0), 0);
}
inline void fsnotify_delete(Inode& dir, StringView name, bool is_dir) {
    if (fsnotify_active()) fsnotify_name(dir, name, IN_DELETE | (is_dir ? IN_ISDIR : 0), 0);
}
// The link count of inode changed (link, unlink, rename over it): IN_ATTRIB on it.
inline void fsnotify_link_count(Inode& inode) {
    if (fsnotify_active()) fsnotify_self(inode, IN_ATTRIB);
}
// Attributes changed through the name d (SetAttr::k* mask as requested by the caller).
inline void fsnotify_change(Dentry* d, u32 setattr_mask) {
    if (d && fsnotify_active()) {
        if (u32 ev = fsnotify_setattr_mask(setattr_mask)) fsnotify_parent_and_self(*d, ev, false);
    }
}
// An extended attribute of the inode named by d was set or removed (linux: fsnotify_xattr()).
inline void fsnotify_xattr(Dentry* d) {
    if (d && fsnotify_active()) fsnotify_parent_and_self(*d, IN_ATTRIB, false);
}
// rename(2) moved `moved` from old_dir/old_name to new_dir/new_name, replacing `replaced`.
inline void fsnotify_move(Inode& old_dir, StringView old_name, Inode& new_dir, StringView new_name, Inode& moved,
                          Inode* replaced) {
    if (fsnotify_active()) fsnotify_move_event(old_dir, old_name, new_dir, new_name, moved, replaced);
}
// A holder of d is about to drop its reference: when it is the last one and the name was
// removed with the inode's last link, the watches see IN_DELETE_SELF and go (IN_IGNORED).
inline void fsnotify_dentry_dropping(Dentry& d) {
    if (fsnotify_active()) fsnotify_dropping(d);
}
