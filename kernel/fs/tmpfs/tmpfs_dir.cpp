// SPDX-License-Identifier: MIT
// tmpfs directories. Entries sit in creation order with increasing cookies (the getdents
// positions: stable while the entry exists, never reused, so a listing resumed from a saved
// d_off neither repeats nor skips survivors); past 16 entries a hash index makes lookups O(1).
// Every method runs with this directory's mutex held (and the victim's, for rmdir).
#include "abi/linux/fs_abi.h"
#include "abi/linux/uapi.h"
#include "fs/tmpfs/tmpfs_inode.h"
#include "mm/kheap.h"

namespace {

u32 name_hash(StringView s) {
    u32 h = 2166136261u;
    for (usize i = 0; i < s.length(); i++) h = (h ^ static_cast<u8>(s[i])) * 16777619u;
    return h;
}

template <typename T, typename... Args>
Result<RefPtr<Inode>> make_inode(TmpfsSuperBlock& sb, Args&&... args) {
    TRY(sb.charge_inode());
    T* p = new (std::nothrow) T(sb, std::forward<Args>(args)...);
    if (!p) {
        sb.uncharge_inode();
        return Error(ENOMEM);
    }
    return RefPtr<Inode>::adopt(p);
}

}  // namespace

TmpfsDir::TmpfsDir(TmpfsSuperBlock& sb, u32 mode, u64 parent_ino) : TmpfsInode(sb, mode), m_parent_ino(parent_ino) {
    set_nlink(2);
    set_size(2 * kBogoDirentSize);
}

TmpfsDir::~TmpfsDir() {
    // A directory dies with entries only when its file system goes away (rmdir needs it
    // empty). Subdirectories dying with it hand their entries over first: no recursion, however
    // deep the tree.
    EntryList work;
    while (TmpfsDirent* e = m_entries.pop_front()) work.push_back(*e);
    while (TmpfsDirent* e = work.pop_front()) {
        Inode* in = e->inode.ptr();
        if (in->is_dir() && in->ref_count() == 1) {
            auto* d = static_cast<TmpfsDir*>(in);
            while (TmpfsDirent* c = d->m_entries.pop_front()) work.push_back(*c);
        }
        free_entry(e);
    }
    kfree(m_buckets);
}

TmpfsDirent* TmpfsDir::make_entry(StringView name, RefPtr<Inode> inode) {
    void* mem = kmalloc(sizeof(TmpfsDirent) + name.length() + 1);
    if (!mem) return nullptr;
    auto* e = new (mem) TmpfsDirent();
    e->hash_next = nullptr;
    e->cookie = 0;
    e->hash = name_hash(name);
    e->len = static_cast<u16>(name.length());
    __builtin_memcpy(e->name(), name.data(), name.length());
    e->name()[name.length()] = '\0';
    e->inode = std::move(inode);
    return e;
}

void TmpfsDir::free_entry(TmpfsDirent* e) {
    e->~TmpfsDirent();
    kfree(e);
}

TmpfsDirent* TmpfsDir::find(StringView name) {
    if (m_buckets) {
        u32 h = name_hash(name);
        for (TmpfsDirent* e = m_buckets[h % m_bucket_count]; e; e = e->hash_next)
            if (e->hash == h && e->view() == name) return e;
        return nullptr;
    }
    for (TmpfsDirent& e : m_entries)
        if (e.view() == name) return &e;
    return nullptr;
}

void TmpfsDir::maybe_grow_index() {
    usize n = m_entries.size();
    if (n < 16 || n <= usize(m_bucket_count) * 2) return;
    u32 count = m_bucket_count ? m_bucket_count * 4 : 64;
    auto** b = static_cast<TmpfsDirent**>(kzalloc(sizeof(TmpfsDirent*) * count));
    if (!b) return;   // lookups stay correct, only slower
    for (TmpfsDirent& e : m_entries) {
        e.hash_next = b[e.hash % count];
        b[e.hash % count] = &e;
    }
    kfree(m_buckets);
    m_buckets = b;
    m_bucket_count = count;
}

void TmpfsDir::insert(TmpfsDirent* e) {
    e->cookie = m_next_cookie++;
    m_entries.push_back(*e);
    if (m_buckets) {
        TmpfsDirent*& head = m_buckets[e->hash % m_bucket_count];
        e->hash_next = head;
        head = e;
    }
    maybe_grow_index();
    set_size(size() + kBogoDirentSize);
}

void TmpfsDir::erase(TmpfsDirent* e) {
    m_entries.remove(*e);
    if (m_buckets) {
        for (TmpfsDirent** p = &m_buckets[e->hash % m_bucket_count]; *p; p = &(*p)->hash_next)
            if (*p == e) {
                *p = e->hash_next;
                break;
            }
    }
    e->hash_next = nullptr;
    set_size(size() - kBogoDirentSize);
}

Result<RefPtr<Inode>> TmpfsDir::lookup(StringView name) {
    TmpfsDirent* e = find(name);
    if (!e) return Error(ENOENT);
    return e->inode;
}

Result<RefPtr<Inode>> TmpfsDir::add_new(StringView name, RefPtr<Inode> inode) {
    TmpfsDirent* e = make_entry(name, inode);
    if (!e) return Error(ENOMEM);   // the new inode goes with `inode`
    insert(e);
    touch_dir();
    return inode;
}

Result<RefPtr<Inode>> TmpfsDir::create(StringView name, u32 mode, const Credentials& creds) {
    auto inode = TRY(make_inode<TmpfsFile>(tsb(), S_IFREG | (mode & 07777)));
    inode->init_new_inode(creds, this);
    return add_new(name, std::move(inode));
}

Result<RefPtr<Inode>> TmpfsDir::tmpfile(u32 mode, const Credentials& creds) {
    auto inode = TRY(make_inode<TmpfsFile>(tsb(), S_IFREG | (mode & 07777)));
    inode->init_new_inode(creds, this);
    inode->set_nlink(0);
    return inode;
}

Result<RefPtr<Inode>> TmpfsDir::mkdir(StringView name, u32 mode, const Credentials& creds) {
    auto inode = TRY(make_inode<TmpfsDir>(tsb(), S_IFDIR | (mode & 07777), ino()));
    inode->init_new_inode(creds, this);
    auto r = TRY(add_new(name, std::move(inode)));
    inc_nlink();   // the child's ".."
    return r;
}

Result<RefPtr<Inode>> TmpfsDir::mknod(StringView name, u32 mode, DevId rdev, const Credentials& creds) {
    u32 type = mode & S_IFMT;
    if (type == S_IFREG) return create(name, mode, creds);
    if (type != S_IFCHR && type != S_IFBLK && type != S_IFIFO && type != S_IFSOCK) return Error(EINVAL);
    DevId dev = (type == S_IFCHR || type == S_IFBLK) ? rdev : 0;
    auto inode = TRY(make_inode<TmpfsNode>(tsb(), type | (mode & 07777), dev));
    inode->init_new_inode(creds, this);
    return add_new(name, std::move(inode));
}

Result<RefPtr<Inode>> TmpfsDir::symlink(StringView name, StringView target, const Credentials& creds) {
    if (target.empty()) return Error(ENOENT);
    if (target.length() >= 4096) return Error(ENAMETOOLONG);
    auto* copy = static_cast<char*>(kmalloc(target.length() + 1));
    if (!copy) return Error(ENOMEM);
    __builtin_memcpy(copy, target.data(), target.length());
    copy[target.length()] = '\0';
    auto inode = make_inode<TmpfsSymlink>(tsb(), copy, target.length());
    if (inode.is_error()) {
        kfree(copy);
        return inode.error();
    }
    RefPtr<Inode> in = inode.release_value();
    in->init_new_inode(creds, this);
    return add_new(name, std::move(in));
}

Result<void> TmpfsDir::link(StringView name, Inode& target) {
    TmpfsDirent* e = make_entry(name, RefPtr<Inode>(&target));
    if (!e) return Error(ENOMEM);
    insert(e);
    target.inc_nlink();
    target.touch_ctime();
    touch_dir();
    return {};
}

Result<void> TmpfsDir::unlink(StringView name, Inode& victim) {
    TmpfsDirent* e = find(name);
    if (!e) return Error(ENOENT);
    VERIFY(e->inode.ptr() == &victim);   // the dentry cache agrees with the directory
    erase(e);
    victim.dec_nlink();
    victim.touch_ctime();
    free_entry(e);   // the caller still holds the victim
    touch_dir();
    return {};
}

Result<void> TmpfsDir::rmdir(StringView name, Inode& victim) {
    TmpfsDirent* e = find(name);
    if (!e) return Error(ENOENT);
    VERIFY(e->inode.ptr() == &victim);
    auto& vd = static_cast<TmpfsDir&>(victim);
    if (!vd.empty()) return Error(ENOTEMPTY);
    erase(e);
    vd.set_nlink(0);
    vd.mark_dead();
    dec_nlink();   // its ".." is gone
    vd.touch_ctime();
    free_entry(e);
    touch_dir();
    return {};
}

Result<void> TmpfsDir::rename(StringView old_name, Inode& new_dir, StringView new_name, unsigned flags) {
    auto& nd = static_cast<TmpfsDir&>(new_dir);
    TmpfsDirent* src = find(old_name);
    if (!src) return Error(ENOENT);
    TmpfsDirent* dst = nd.find(new_name);
    if (flags & RENAME_EXCHANGE) {
        if (!dst) return Error(ENOENT);
        bool sdir = src->inode->is_dir(), ddir = dst->inode->is_dir();
        if (this != &nd && sdir != ddir) {
            // A directory changes parent: the ".." link counts move with it.
            if (sdir) {
                dec_nlink();
                nd.inc_nlink();
            } else {
                nd.dec_nlink();
                inc_nlink();
            }
        }
        if (sdir) static_cast<TmpfsDir*>(src->inode.ptr())->m_parent_ino.store(nd.ino());
        if (ddir) static_cast<TmpfsDir*>(dst->inode.ptr())->m_parent_ino.store(ino());
        src->inode.swap(dst->inode);
        src->inode->touch_ctime();
        dst->inode->touch_ctime();
        touch_dir();
        nd.touch_dir();
        return {};
    }
    if (dst && (flags & RENAME_NOREPLACE)) return Error(EEXIST);
    Inode& source = *src->inode;
    if (dst) {
        Inode& victim = *dst->inode;
        if (victim.is_dir()) {
            auto& vd = static_cast<TmpfsDir&>(victim);
            if (!vd.empty()) return Error(ENOTEMPTY);
        }
    }
    // The entry under its new name is made first: nothing below can fail.
    TmpfsDirent* moved = make_entry(new_name, src->inode);
    if (!moved) return Error(ENOMEM);
    if (dst) {
        Inode& victim = *dst->inode;
        if (victim.is_dir()) {
            victim.set_nlink(0);
            victim.mark_dead();
            nd.dec_nlink();
        } else {
            victim.dec_nlink();
        }
        victim.touch_ctime();
        nd.erase(dst);
        free_entry(dst);   // the VFS holds the victim's dentry, so the inode lives on for it
    }
    erase(src);
    free_entry(src);
    nd.insert(moved);
    if (source.is_dir() && this != &nd) {
        dec_nlink();
        nd.inc_nlink();
        static_cast<TmpfsDir&>(source).m_parent_ino.store(nd.ino());
    }
    source.touch_ctime();
    touch_dir();
    nd.touch_dir();
    return {};
}

Result<void> TmpfsDir::iterate(u64& pos, DirSink& sink) {
    if (!dir_emit_dots(pos, sink, ino(), m_parent_ino.load())) return {};
    for (TmpfsDirent& e : m_entries) {
        if (e.cookie < pos) continue;
        if (!sink.emit(e.view(), e.inode->ino(), mode_to_dtype(e.inode->mode()), e.cookie + 1)) return {};
        pos = e.cookie + 1;
    }
    return {};
}
