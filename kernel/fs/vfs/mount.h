// SPDX-License-Identifier: MIT
// Mounts and the mount table. A Mount attaches a file system (a SuperBlock and one of its
// dentries as the root) at a mountpoint dentry of a parent mount; a Path is a (mount, dentry)
// pair, the unit of name resolution. Walks cross into a mount when they reach its mountpoint and
// back out when ".." leaves its root. A Path holds a reference to its Mount, so umount is busy
// (EBUSY) while any open file, working directory or walk in progress is inside.
#pragma once

#include "fs/vfs/dentry.h"

class Mount;
class WaitQueue;

struct Path {
    RefPtr<Mount> mnt;        // null only for a tree that is not mounted (initramfs, devtmpfs setup)
    RefPtr<Dentry> dentry;

    Inode* inode() const { return dentry->inode(); }
    bool operator==(const Path& o) const { return mnt == o.mnt && dentry == o.dentry; }
};

class Mount : public RefCounted<Mount> {
public:
    ~Mount();
    ARAMID_NOCOPY(Mount);

    SuperBlock& sb() const { return *m_sb; }
    Dentry* root() const { return m_root.ptr(); }
    Mount* parent() const { return m_parent.ptr(); }       // null for the root mount
    Dentry* mountpoint() const { return m_mountpoint.ptr(); }
    u64 flags() const { return m_flags.load(std::memory_order_relaxed); }   // MS_RDONLY, MS_NOSUID...
    void set_flags(u64 f) { m_flags.store(f, std::memory_order_relaxed); }
    bool read_only() const;
    // Access times follow Linux's relatime rule here (the default of mount(2) unless noatime or
    // strictatime; the initial root mount is made internally, without it).
    bool relatime() const;
    u32 id() const { return m_id; }
    const char* source() const { return m_source; }         // "tmpfs", "none", a device path
    bool attached() const { return m_attached; }

private:
    Mount() = default;
    friend struct MountTableAccess;

    RefPtr<SuperBlock> m_sb;
    RefPtr<Dentry> m_root;
    RefPtr<Mount> m_parent;
    RefPtr<Dentry> m_mountpoint;
    std::atomic<u64> m_flags{0};
    u32 m_id = 0;
    bool m_attached = false;
    char m_source[64] = {};
    ListNode m_node;   // in the mount table
};

void mount_table_init();

// The mount table's change counter and the queue woken when it moves: /proc/<pid>/mounts and
// mountinfo poll with POLLPRI|POLLERR once it has changed since the file was opened or last polled.
u64 mount_event();
WaitQueue& mount_event_queue();
// Called after a mount is attached, detached or its flags change.
void mount_table_changed();

// The mount attached on dentry within parent (the latest when several are stacked), or null.
RefPtr<Mount> mount_child_at(const Mount& parent, const Dentry& dentry);
// Follows mounts stacked on p's dentry down to the topmost root.
void path_cross_mounts(Path& p);

// Creates the first (root) mount of sb; it has no parent.
Result<RefPtr<Mount>> mount_create_root(RefPtr<SuperBlock> sb, StringView source, u64 flags);
// Attaches sb's root (or `root` when given: a bind mount) at `at`.
Result<RefPtr<Mount>> mount_attach(const Path& at, RefPtr<SuperBlock> sb, RefPtr<Dentry> root, StringView source,
                                   u64 flags);
// Detaches m (not the root mount). Busy (EBUSY) when mounts sit below it or anything but the
// caller's own `held` references uses it, unless lazy (MNT_DETACH): then it disappears from the
// tree now and its file system is freed when the last user goes.
Result<void> mount_detach(Mount& m, u32 held, bool lazy);

// pivot_root's move (linux: the attach_mnt pair in SYSCALL pivot_root): new_root takes
// old_root's place in the tree and old_root is attached at put_old. The caller has checked
// Linux's conditions; EINVAL when one of the mounts was detached meanwhile.
// mount(MS_MOVE): m, a mount other than the root, moves to `to` with everything under it.
// EINVAL (m not attached or the root, `to` detached), ELOOP (`to` is inside m's subtree).
Result<void> mount_move(Mount& m, const Path& to);
Result<void> mount_pivot(Mount& new_root, Mount& old_root, const Path& put_old);
// linux: is_path_reachable(): p lies at or below `under` in the mount tree.
bool mount_path_reachable(const Path& p, const Path& under);

// Calls fn for each attached mount, parents before children (for /proc/mounts).
void mount_for_each(void (*fn)(void* ctx, Mount& m), void* ctx);
usize mount_count();
