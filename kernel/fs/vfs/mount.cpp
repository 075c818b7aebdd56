// SPDX-License-Identifier: MIT
#include "fs/vfs/mount.h"

#include "abi/linux/uapi.h"
#include "core/wait_queue.h"
#include "fs/vfs/late_init.h"

struct MountTableAccess {
    using List = IntrusiveList<Mount, &Mount::m_node>;
    struct State {
        Mutex lock{"mounts"};
        List list;
        u32 next_id = 1;
        std::atomic<u64> event{0};   // bumped by every change of the table (linux: mnt_namespace.event)
        WaitQueue poll_wq;      // woken with it (linux: mnt_namespace.poll)
    };

    static Result<RefPtr<Mount>> make(RefPtr<SuperBlock> sb, RefPtr<Dentry> root, StringView source, u64 flags) {
        auto* m = new (std::nothrow) Mount();
        if (!m) return Error(ENOMEM);
        auto ref = RefPtr<Mount>::adopt(m);
        m->m_sb = std::move(sb);
        m->m_root = std::move(root);
        m->m_flags.store(flags, std::memory_order_relaxed);
        usize n = min(source.length(), sizeof(m->m_source) - 1);
        __builtin_memcpy(m->m_source, source.data(), n);
        m->m_source[n] = '\0';
        return ref;
    }

    // Lock held: links m (the table takes a reference).
    static void attach(State& s, Mount& m) {
        m.m_id = s.next_id++;
        m.ref();
        s.list.push_back(m);
        m.m_attached = true;
        if (m.m_mountpoint) m.m_mountpoint->mount_pin();
        m.m_sb->reactivate();
    }

    // Lock held: unlinks m; the caller drops the table's reference after unlocking.
    static void detach(State& s, Mount& m) {
        s.list.remove(m);
        m.m_attached = false;
        if (m.m_mountpoint) m.m_mountpoint->mount_unpin();
    }

    static bool sb_still_mounted(State& s, const SuperBlock& sb) {
        for (Mount& o : s.list)
            if (o.m_sb.ptr() == &sb) return true;
        return false;
    }

    static bool has_children(State& s, const Mount& m) {
        for (Mount& o : s.list)
            if (o.m_parent.ptr() == &m) return true;
        return false;
    }

    static Result<void> detach_tree(State& s, Mount& top, u32 held, bool lazy);
    static void set_parent(Mount& m, RefPtr<Mount> parent, RefPtr<Dentry> mp) {
        m.m_parent = std::move(parent);
        m.m_mountpoint = std::move(mp);
    }
};

namespace {
LateInit<MountTableAccess::State> g_mounts;
}

void mount_table_init() { g_mounts.init(); }

u64 mount_event() { return g_mounts->event.load(std::memory_order_acquire); }
WaitQueue& mount_event_queue() { return g_mounts->poll_wq; }

void mount_table_changed() {
    g_mounts->event.fetch_add(1, std::memory_order_acq_rel);
    g_mounts->poll_wq.wake_all(POLLIN | POLLPRI | POLLERR);
}

Mount::~Mount() { VERIFY(!m_attached); }

bool Mount::read_only() const { return flags() & MS_RDONLY; }

bool Mount::relatime() const {
    u64 f = flags();
    if (f & MS_RELATIME) return true;
    // linux: path_mount() makes relatime the default for every mount made through mount(2).
    return parent() && !(f & (MS_NOATIME | MS_STRICTATIME));
}

RefPtr<Mount> mount_child_at(const Mount& parent, const Dentry& dentry) {
    MutexGuard g(g_mounts->lock);
    Mount* found = nullptr;
    for (Mount& m : g_mounts->list)
        if (m.parent() == &parent && m.mountpoint() == &dentry) found = &m;   // the last is on top
    return RefPtr<Mount>(found);
}

void path_cross_mounts(Path& p) {
    while (p.mnt && p.dentry->is_mountpoint()) {
        RefPtr<Mount> m = mount_child_at(*p.mnt, *p.dentry);
        if (!m) break;
        p.dentry = RefPtr<Dentry>(m->root());
        p.mnt = std::move(m);
    }
}

Result<RefPtr<Mount>> mount_create_root(RefPtr<SuperBlock> sb, StringView source, u64 flags) {
    RefPtr<Dentry> root = sb->root_ref();
    auto m = TRY(MountTableAccess::make(std::move(sb), std::move(root), source, flags));
    MutexGuard g(g_mounts->lock);
    MountTableAccess::attach(*g_mounts, *m);
    return m;
}

Result<RefPtr<Mount>> mount_attach(const Path& at, RefPtr<SuperBlock> sb, RefPtr<Dentry> root, StringView source,
                                   u64 flags) {
    if (!at.mnt) return Error(EINVAL);
    if (!root) root = sb->root_ref();
    auto m = TRY(MountTableAccess::make(std::move(sb), std::move(root), source, flags));
    MountTableAccess::set_parent(*m, at.mnt, at.dentry);
    {
        MutexGuard g(g_mounts->lock);
        // The mountpoint may have been detached or removed while the caller resolved it.
        if (!at.mnt->attached()) return Error(ENOENT);
        if (at.dentry != at.mnt->root() && !at.dentry->is_hashed()) return Error(ENOENT);
        MountTableAccess::attach(*g_mounts, *m);
    }
    mount_table_changed();
    return m;
}

Result<void> MountTableAccess::detach_tree(State& s, Mount& top, u32 held, bool lazy) {
    if (!top.m_attached) return Error(EINVAL);
    if (!top.m_parent) return Error(EBUSY);   // the root mount stays
    if (!lazy) {
        if (has_children(s, top)) return Error(EBUSY);
        // Nothing but the table's reference and the caller's own.
        if (top.ref_count() > 1 + held) return Error(EBUSY);
    }
    // Lazy: the whole subtree goes, leaves first. Releasing a Mount only drops references (it
    // never takes this lock), so the table's references are dropped right here.
    for (;;) {
        Mount* leaf = nullptr;
        for (Mount& o : s.list) {
            bool below = false;
            for (Mount* a = &o; a && !below; a = a->m_parent.ptr()) below = a == &top;
            if (below && !has_children(s, o)) {
                leaf = &o;
                break;
            }
        }
        VERIFY(leaf);
        detach(s, *leaf);
        if (!sb_still_mounted(s, *leaf->m_sb)) leaf->m_sb->shutdown();
        bool done = leaf == &top;
        RefPtr<Mount>::adopt(leaf).clear();   // the table's reference
        if (done) return {};
    }
}

Result<void> mount_detach(Mount& m, u32 held, bool lazy) {
    {
        MutexGuard g(g_mounts->lock);
        TRY(MountTableAccess::detach_tree(*g_mounts, m, held, lazy));
    }
    mount_table_changed();
    return {};
}

Result<void> mount_move(Mount& m, const Path& to) {
    {
        MutexGuard g(g_mounts->lock);
        // linux: do_move_mount(): an attached mount with a parent (not the root), onto an attached
        // place that is not inside the subtree being moved.
        if (!m.attached() || !m.parent() || !to.mnt->attached()) return Error(EINVAL);
        for (Mount* a = to.mnt.ptr(); a; a = a->parent())
            if (a == &m) return Error(ELOOP);
        m.mountpoint()->mount_unpin();
        MountTableAccess::set_parent(m, to.mnt, to.dentry);
        m.mountpoint()->mount_pin();
    }
    mount_table_changed();
    return {};
}

Result<void> mount_pivot(Mount& new_root, Mount& old_root, const Path& put_old) {
    {
        MutexGuard g(g_mounts->lock);
        if (!new_root.attached() || !old_root.attached() || !put_old.mnt->attached()) return Error(EINVAL);
        RefPtr<Mount> root_parent(old_root.parent());
        RefPtr<Dentry> root_mp(old_root.mountpoint());
        // Both keep their pins' counts balanced: unpin where they were, pin where they go.
        new_root.mountpoint()->mount_unpin();
        root_mp->mount_unpin();
        MountTableAccess::set_parent(old_root, put_old.mnt, put_old.dentry);
        MountTableAccess::set_parent(new_root, std::move(root_parent), std::move(root_mp));
        new_root.mountpoint()->mount_pin();
        old_root.mountpoint()->mount_pin();
    }
    mount_table_changed();   // pollers of /proc/<pid>/mountinfo (systemd) see the move
    return {};
}

bool mount_path_reachable(const Path& p, const Path& under) {
    MutexGuard g(g_mounts->lock);
    Mount* m = p.mnt.ptr();
    RefPtr<Dentry> d = p.dentry;
    while (m && m != under.mnt.ptr()) {
        d = RefPtr<Dentry>(m->mountpoint());
        m = m->parent();
    }
    return m && d->is_descendant_of(*under.dentry);
}

void mount_for_each(void (*fn)(void* ctx, Mount& m), void* ctx) {
    MutexGuard g(g_mounts->lock);
    for (Mount& m : g_mounts->list) fn(ctx, m);
}

usize mount_count() {
    MutexGuard g(g_mounts->lock);
    return g_mounts->list.size();
}
