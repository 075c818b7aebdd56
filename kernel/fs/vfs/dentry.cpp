// SPDX-License-Identifier: MIT
#include "fs/vfs/dentry.h"

#include <utility>

#include "fs/vfs/late_init.h"
#include "mm/kheap.h"

// The cache's internals, with access to Dentry's private links.
struct DcacheAccess {
    using HashList = IntrusiveList<Dentry, &Dentry::m_hash_node>;
    static constexpr usize kBuckets = 1024;

    struct State {
        Mutex lock{"dcache"};
        HashList* buckets = nullptr;
        usize count = 0;
    };

    static u32 hash(const Dentry* parent, StringView name) {
        // FNV-1a over the name, mixed with the parent's address.
        u32 h = 2166136261u;
        for (usize i = 0; i < name.length(); i++) h = (h ^ static_cast<u8>(name[i])) * 16777619u;
        u64 p = reinterpret_cast<uptr>(parent) >> 4;
        h ^= static_cast<u32>(p ^ (p >> 32));
        return h * 0x9E3779B1u;
    }

    static HashList& bucket(State& s, u32 h) { return s.buckets[h % kBuckets]; }

    static bool name_eq(const Dentry& d, StringView name) {
        return d.m_name_len == name.length() && __builtin_memcmp(d.m_name, name.data(), name.length()) == 0;
    }

    // Lock held.
    static void hash_in(State& s, Dentry& d) {
        VERIFY(!d.m_hashed && d.m_parent);
        d.ref();   // the cache's reference
        bucket(s, d.m_hash).push_back(d);
        d.m_parent->m_children.push_back(d);
        d.m_hashed = true;
        s.count++;
    }
    // Lock held. Returns true when the caller must drop the cache's reference.
    static bool hash_out(State& s, Dentry& d) {
        if (!d.m_hashed) return false;
        bucket(s, d.m_hash).remove(d);
        d.m_parent->m_children.remove(d);
        d.m_hashed = false;
        s.count--;
        return true;
    }

    // Drops one reference to d and, iteratively, to the parents that it frees.
    static void put_chain(Dentry* d) {
        while (d && d->deref()) {
            Dentry* parent = d->m_parent;
            d->m_parent = nullptr;
            delete d;
            d = parent;
        }
    }

    static Dentry* alloc(StringView name) {
        auto* buf = static_cast<char*>(kmalloc(name.length() + 1));
        if (!buf) return nullptr;
        __builtin_memcpy(buf, name.data(), name.length());
        buf[name.length()] = '\0';
        auto* d = new (std::nothrow) Dentry();
        if (!d) {
            kfree(buf);
            return nullptr;
        }
        d->m_name = buf;
        d->m_name_len = name.length();
        return d;
    }

    static State& state();
    static void set_inode(Dentry& d, RefPtr<Inode> inode, u32 hash) {
        d.m_inode = std::move(inode);
        d.m_hash = hash;
    }
    static void set_parent(Dentry& d, Dentry& parent) { d.m_parent = &parent; }
};

namespace {
LateInit<DcacheAccess::State> g_dcache;
}

DcacheAccess::State& DcacheAccess::state() { return g_dcache.get(); }

void dcache_init() {
    auto& s = g_dcache.init();
    void* mem = kmalloc(sizeof(DcacheAccess::HashList) * DcacheAccess::kBuckets);
    VERIFY(mem);   // boot: no memory for the dentry cache is fatal
    s.buckets = static_cast<DcacheAccess::HashList*>(mem);
    for (usize i = 0; i < DcacheAccess::kBuckets; i++) new (&s.buckets[i]) DcacheAccess::HashList();
}

// --- Dentry -----------------------------------------------------------------------------------

Dentry::~Dentry() {
    VERIFY(!m_hashed);
    VERIFY(m_children.empty());
    kfree(m_name);
    // The parent chain is released iteratively (a deep tree would otherwise recurse).
    Dentry* parent = m_parent;
    m_parent = nullptr;
    DcacheAccess::put_chain(parent);
}

Result<RefPtr<Dentry>> Dentry::make_root(RefPtr<Inode> inode) {
    Dentry* d = DcacheAccess::alloc("/");
    if (!d) return Error(ENOMEM);
    d->m_inode = std::move(inode);
    return RefPtr<Dentry>::adopt(d);
}

RefPtr<Dentry> Dentry::parent_ref() const {
    MutexGuard g(g_dcache->lock);
    return RefPtr<Dentry>(m_parent);
}

usize Dentry::copy_name(char* buf, usize size) const {
    MutexGuard g(g_dcache->lock);
    usize n = min(m_name_len, size);
    __builtin_memcpy(buf, m_name, n);
    return n;
}

bool Dentry::is_descendant_of(const Dentry& other) const {
    MutexGuard g(g_dcache->lock);
    for (const Dentry* d = this; d; d = d->m_parent)
        if (d == &other) return true;
    return false;
}

// --- DentryName -------------------------------------------------------------------------------

Result<DentryName> DentryName::make(StringView s) {
    auto* buf = static_cast<char*>(kmalloc(s.length() + 1));
    if (!buf) return Error(ENOMEM);
    __builtin_memcpy(buf, s.data(), s.length());
    buf[s.length()] = '\0';
    return DentryName(buf, s.length());
}

DentryName::~DentryName() { kfree(m_buf); }

// --- the cache --------------------------------------------------------------------------------

RefPtr<Dentry> d_lookup(Dentry& dir, StringView name) {
    auto& s = DcacheAccess::state();
    MutexGuard g(s.lock);
    u32 h = DcacheAccess::hash(&dir, name);
    for (Dentry& d : DcacheAccess::bucket(s, h)) {
        if (d.m_parent == &dir && d.m_hash == h && DcacheAccess::name_eq(d, name)) return RefPtr<Dentry>(&d);
    }
    return nullptr;
}

Result<RefPtr<Dentry>> lookup_child(Dentry& dir, StringView name) {
    if (!dir.is_dir()) return Error(ENOTDIR);
    if (auto d = d_lookup(dir, name)) return d;
    MutexGuard g(dir.inode()->lock());
    auto d = TRY(lookup_child_locked(dir, name));
    if (!d) return Error(ENOENT);
    return d;
}

Result<RefPtr<Dentry>> lookup_child_locked(Dentry& dir, StringView name) {
    if (!dir.is_dir()) return Error(ENOTDIR);
    if (auto d = d_lookup(dir, name)) return d;
    auto found = dir.inode()->lookup(name);
    if (found.is_error()) {
        if (found.error_code() == ENOENT) return RefPtr<Dentry>();
        return found.error();
    }
    return d_add(dir, name, found.release_value());
}

// A child dentry of dir, cached (hashed) when asked and the file system allows it.
static Result<RefPtr<Dentry>> new_child(Dentry& dir, StringView name, RefPtr<Inode> inode, bool cache) {
    VERIFY(inode);
    Dentry* d = DcacheAccess::alloc(name);
    if (!d) return Error(ENOMEM);
    auto ref = RefPtr<Dentry>::adopt(d);
    DcacheAccess::set_inode(*d, std::move(inode), DcacheAccess::hash(&dir, name));
    auto& s = DcacheAccess::state();
    MutexGuard g(s.lock);
    dir.ref();
    DcacheAccess::set_parent(*d, dir);
    if (cache && dir.sb().cache_enabled()) DcacheAccess::hash_in(s, *d);
    return ref;
}

Result<RefPtr<Dentry>> d_alloc_unhashed(Dentry& dir, StringView name, RefPtr<Inode> inode) {
    return new_child(dir, name, std::move(inode), false);
}

Result<RefPtr<Dentry>> d_add(Dentry& dir, StringView name, RefPtr<Inode> inode) {
    return new_child(dir, name, std::move(inode), true);
}

void d_delete(Dentry& d) {
    auto& s = DcacheAccess::state();
    bool drop;
    {
        MutexGuard g(s.lock);
        drop = DcacheAccess::hash_out(s, d);
    }
    if (drop) DcacheAccess::put_chain(&d);
}

void d_move(Dentry& d, Dentry& new_parent, DentryName&& name) {
    auto& s = DcacheAccess::state();
    Dentry* old_parent;
    char* old_name;
    {
        MutexGuard g(s.lock);
        bool was_hashed = d.m_hashed;
        if (was_hashed) {
            // Re-linked below; the cache keeps its reference across the move.
            DcacheAccess::bucket(s, d.m_hash).remove(d);
            d.m_parent->m_children.remove(d);
        }
        old_parent = d.m_parent;
        old_name = d.m_name;
        d.m_name = name.m_buf;
        d.m_name_len = name.m_len;
        name.m_buf = nullptr;
        new_parent.ref();
        d.m_parent = &new_parent;
        d.m_hash = DcacheAccess::hash(&new_parent, StringView(d.m_name, d.m_name_len));
        if (was_hashed) {
            DcacheAccess::bucket(s, d.m_hash).push_back(d);
            new_parent.m_children.push_back(d);
        }
    }
    kfree(old_name);
    DcacheAccess::put_chain(old_parent);
}

void d_exchange(Dentry& a, Dentry& b) {
    auto& s = DcacheAccess::state();
    MutexGuard g(s.lock);
    bool ha = a.m_hashed, hb = b.m_hashed;
    if (ha) {
        DcacheAccess::bucket(s, a.m_hash).remove(a);
        a.m_parent->m_children.remove(a);
    }
    if (hb) {
        DcacheAccess::bucket(s, b.m_hash).remove(b);
        b.m_parent->m_children.remove(b);
    }
    // Each keeps one parent reference, so swapping the pointers moves the references too.
    std::swap(a.m_name, b.m_name);
    std::swap(a.m_name_len, b.m_name_len);
    std::swap(a.m_parent, b.m_parent);
    std::swap(a.m_hash, b.m_hash);
    if (hb) {
        DcacheAccess::bucket(s, a.m_hash).push_back(a);
        a.m_parent->m_children.push_back(a);
    }
    if (ha) {
        DcacheAccess::bucket(s, b.m_hash).push_back(b);
        b.m_parent->m_children.push_back(b);
    }
    // The cache's references follow the hashed state: a took b's place and vice versa.
    a.m_hashed = hb;
    b.m_hashed = ha;
    if (ha != hb) {
        // One reference moves from one dentry to the other.
        if (hb) {
            a.ref();
            b.deref();   // cannot be the last: the caller holds b
        } else {
            b.ref();
            a.deref();
        }
    }
}

void dcache_prune(Dentry& root) {
    auto& s = DcacheAccess::state();
    MutexGuard g(s.lock);
    Dentry* d = &root;
    for (;;) {
        if (Dentry* child = d->m_children.first()) {
            d = child;
            continue;
        }
        if (d == &root) break;
        Dentry* parent = d->m_parent;
        DcacheAccess::hash_out(s, *d);
        // The parent survives: root is owned by the caller, other parents by the cache.
        DcacheAccess::put_chain(d);
        d = parent;
    }
}

usize dcache_count() {
    auto& s = DcacheAccess::state();
    MutexGuard g(s.lock);
    return s.count;
}
