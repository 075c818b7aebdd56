// SPDX-License-Identifier: MIT
// The dentry cache: a tree of names over inodes that path walks go through. A Dentry is a name in
// its parent directory plus the inode it refers to; it keeps its parent alive (a reference), and
// the cache keeps every hashed dentry alive (one reference each) until the name is removed,
// renamed over or its file system unmounted. A lookup that misses asks the file system under the
// directory's mutex and caches the answer; misses are not cached (no negative entries), so a
// name created behind the cache's back is still found.
//
// Invalidation (the peer kernel Kevlar's stale-cache bugs came from forgetting it): every change
// to a directory goes through vfs_ops.cpp, which updates the cache under the directory mutex:
// d_add after a create, d_delete after unlink/rmdir and for a rename victim, d_move for the
// renamed dentry, d_exchange for RENAME_EXCHANGE. An unhashed dentry stays valid for whoever
// holds it (an open file, a cwd) and keeps its inode: the file lives on with nlink 0.
//
// Locking: one global dcache mutex protects the hash table, the children lists, names and
// parent pointers. It is a leaf (nothing is taken under it but the heap). Dropping a reference
// never takes it, so RefPtr<Dentry> may be released under a spinlock.
#pragma once

#include <atomic>

#include "fs/vfs/inode.h"
#include "lib/intrusive_list.h"

class Dentry : public RefCounted<Dentry> {
public:
    ~Dentry();
    ARAMID_NOCOPY(Dentry);

    // A root dentry for a file system (no parent, name "/"), not hashed.
    static Result<RefPtr<Dentry>> make_root(RefPtr<Inode> inode);

    Inode* inode() const { return m_inode.ptr(); }
    RefPtr<Inode> inode_ref() const { return m_inode; }
    SuperBlock& sb() const { return m_inode->sb(); }
    bool is_dir() const { return m_inode->is_dir(); }

    // The parent (null for a file-system root). Stable while the dcache lock is held or renames
    // are excluded; parent_ref() takes the lock.
    RefPtr<Dentry> parent_ref() const;
    bool is_root() const { return m_parent == nullptr; }
    // Copies the name (for logs and d_path); the name may change under rename.
    usize copy_name(char* buf, usize size) const;

    // In the cache under its parent (false after unlink/rmdir/rename-over, and for roots).
    bool is_hashed() const { return m_hashed; }
    bool is_mountpoint() const { return m_mounts.load(std::memory_order_acquire) > 0; }
    void mount_pin() { m_mounts.fetch_add(1, std::memory_order_acq_rel); }
    void mount_unpin() { m_mounts.fetch_sub(1, std::memory_order_acq_rel); }

    // True when this is `other` or lies below it (dcache lock taken inside).
    bool is_descendant_of(const Dentry& other) const;

private:
    Dentry() = default;
    friend struct DcacheAccess;
    friend RefPtr<Dentry> d_lookup(Dentry&, StringView);
    friend Result<RefPtr<Dentry>> d_add(Dentry&, StringView, RefPtr<Inode>);
    friend void d_move(Dentry&, Dentry&, class DentryName&&);
    friend void d_exchange(Dentry&, Dentry&);
    friend void dcache_prune(Dentry&);

    char* m_name = nullptr;          // kmalloc'd, NUL-terminated
    usize m_name_len = 0;
    u32 m_hash = 0;
    Dentry* m_parent = nullptr;      // holds a reference
    RefPtr<Inode> m_inode;
    bool m_hashed = false;
    std::atomic<u32> m_mounts{0};
    ListNode m_hash_node;            // in a dcache bucket
    ListNode m_child_node;           // in m_parent->m_children
    IntrusiveList<Dentry, &Dentry::m_child_node> m_children;   // hashed children only
};

// A name prepared before a change that must not fail after the file system has committed it
// (rename): owns a kmalloc'd copy until d_move takes it.
class DentryName {
public:
    static Result<DentryName> make(StringView s);
    DentryName(DentryName&& o) : m_buf(o.m_buf), m_len(o.m_len) { o.m_buf = nullptr; }
    DentryName& operator=(DentryName&&) = delete;
    ~DentryName();
    ARAMID_NOCOPY(DentryName);
    StringView view() const { return StringView(m_buf, m_len); }

private:
    DentryName(char* b, usize n) : m_buf(b), m_len(n) {}
    friend void d_move(Dentry&, Dentry&, DentryName&&);
    char* m_buf;
    usize m_len;
};

void dcache_init();

// The cached child `name` of dir with a new reference, or null.
RefPtr<Dentry> d_lookup(Dentry& dir, StringView name);
// The child `name` of dir: from the cache, else from the file system (taking dir's mutex), then
// cached. ENOENT when there is none; ENOTDIR when dir is not a directory.
Result<RefPtr<Dentry>> lookup_child(Dentry& dir, StringView name);
// The same with dir's inode mutex already held. A null result (not an error) means "no such
// name", so create-style operations can tell absence from failure.
Result<RefPtr<Dentry>> lookup_child_locked(Dentry& dir, StringView name);
// After the file system created name in dir (dir mutex held): the new dentry, cached.
Result<RefPtr<Dentry>> d_add(Dentry& dir, StringView name, RefPtr<Inode> inode);
// A dentry named `name` under dir that was never in the cache (linux: d_alloc for O_TMPFILE, and
// the pseudo names of memfds): its path reads dir's path + name, marked " (deleted)".
Result<RefPtr<Dentry>> d_alloc_unhashed(Dentry& dir, StringView name, RefPtr<Inode> inode);
// Removes d from the cache (its name is gone); d stays valid for its holders.
void d_delete(Dentry& d);
// d now has the name `name` in new_parent (rename). Its cached subtree moves with it.
void d_move(Dentry& d, Dentry& new_parent, DentryName&& name);
// RENAME_EXCHANGE: a and b trade names and parents.
void d_exchange(Dentry& a, Dentry& b);
// Drops the cache's references to every dentry below root (umount); those still in use stay
// alive unhashed. Iterative: deep trees do not recurse.
void dcache_prune(Dentry& root);
// Number of hashed dentries (tests, diagnostics).
usize dcache_count();
