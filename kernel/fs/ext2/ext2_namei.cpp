// SPDX-License-Identifier: MIT
// ext2 directories in the VFS: lookup, listing and the name-space operations, each one call
// of ext2_ops under the volume lock followed by pulling the changed inodes' attributes back.
#include "abi/linux/fs_abi.h"
#include "abi/linux/uapi.h"
#include "fs/ext2/ext2_fs.h"
#include "mm/kheap.h"

namespace {

u8 dtype_of(u8 ft) {
    static constexpr u32 kMode[] = {0, S_IFREG, S_IFDIR, S_IFCHR, S_IFBLK, S_IFIFO, S_IFSOCK, S_IFLNK};
    return ft < sizeof(kMode) / sizeof(kMode[0]) ? mode_to_dtype(kMode[ft]) : 0;   // 0: DT_UNKNOWN
}

Ext2Inode& as_ext2(Inode& i) { return static_cast<Ext2Inode&>(i); }

// Entries gathered under the volume lock and handed to the VFS's sink without it (the sink
// copies to user memory, which may fault on a mapping of an ext2 file and need the lock).
class Collector final : public Ext2DirVisitor {
public:
    static constexpr usize kCap = 4096;
    struct Head {
        u64 next_pos;
        u32 ino;
        u8 type;
        u8 len;
    };
    bool entry(StringView name, u32 ino, u8 ft, u64 next_pos) override {
        usize need = sizeof(Head) + align_up(name.length(), 8);
        if (m_used + need > kCap || name.length() > 255) return false;
        auto* h = reinterpret_cast<Head*>(m_buf + m_used);
        *h = Head{next_pos, ino, ft, static_cast<u8>(name.length())};
        __builtin_memcpy(h + 1, name.data(), name.length());
        m_used += need;
        return true;
    }
    u8* m_buf = nullptr;
    usize m_used = 0;
};

}  // namespace

Result<RefPtr<Inode>> Ext2Inode::lookup(StringView name) {
    if (!is_dir()) return Error(ENOTDIR);
    MutexGuard g(esb().vol_lock());
    u32 ino = TRY(esb().vol().dir_lookup(m_disk, name));
    if (!ino) return Error(ENOENT);
    return esb().iget(ino);
}

Result<void> Ext2Inode::iterate(u64& pos, DirSink& sink) {
    if (!is_dir()) return Error(ENOTDIR);
    Collector c;
    c.m_buf = static_cast<u8*>(kmalloc(Collector::kCap));
    if (!c.m_buf) return Error(ENOMEM);
    Result<void> r;
    for (;;) {
        c.m_used = 0;
        u64 scan = pos;
        {
            MutexGuard g(esb().vol_lock());
            r = esb().vol().dir_iterate(m_disk, scan, c);
        }
        if (r.is_error() || c.m_used == 0) {
            pos = scan;   // past trailing empty records
            break;
        }
        bool stopped = false;
        for (usize off = 0; off < c.m_used;) {
            auto* h = reinterpret_cast<Collector::Head*>(c.m_buf + off);
            StringView name(reinterpret_cast<const char*>(h + 1), h->len);
            if (!sink.emit(name, h->ino, dtype_of(h->type), h->next_pos)) {
                stopped = true;
                break;
            }
            pos = h->next_pos;
            off += sizeof(Collector::Head) + align_up(usize(h->len), 8);
        }
        if (stopped) break;
        if (scan == pos) continue;   // the collector was full: more to read from pos
        pos = scan;
        break;
    }
    kfree(c.m_buf);
    return r;
}

Result<RefPtr<Inode>> Ext2Inode::make_child(StringView name, u32 mode, DevId rdev, StringView target,
                                            const Credentials& creds) {
    if (!is_dir()) return Error(ENOTDIR);
    Ext2Volume& v = esb().vol();
    if (v.read_only()) return Error(EROFS);
    MutexGuard g(esb().vol_lock());
    esb().reap_orphans();
    esb().charge_caller();
    Ext2InodeDisk out;
    Ext2Node dir{ino32(), &disk()};
    Ext2Now now = esb().now();
    u32 ino;
    if (S_ISLNK(mode)) ino = TRY(ext2_symlink(v, dir, name, target, creds.fsuid, creds.fsgid, out, now));
    else ino = TRY(ext2_create(v, dir, name, mode, creds.fsuid, creds.fsgid, rdev, out, now));
    pull();
    RefPtr<Inode> child = esb().adopt_new(ino, out);
    if (!child) return Error(ENOMEM);
    // Owner, group and set-group-ID inheritance as the VFS decides them.
    child->init_new_inode(creds, this);
    TRY(as_ext2(*child).store());
    return child;
}

Result<RefPtr<Inode>> Ext2Inode::tmpfile(u32 mode, const Credentials& creds) {
    if (!is_dir()) return Error(ENOTDIR);
    Ext2Volume& v = esb().vol();
    if (v.read_only()) return Error(EROFS);
    MutexGuard g(esb().vol_lock());
    esb().reap_orphans();
    Ext2InodeDisk out;
    u32 ino = TRY(ext2_create_unnamed(v, ino32(), mode, creds.fsuid, creds.fsgid, out, esb().now()));
    RefPtr<Inode> child = esb().adopt_new(ino, out);
    if (!child) return Error(ENOMEM);
    child->init_new_inode(creds, this);
    TRY(as_ext2(*child).store());
    return child;
}

Result<RefPtr<Inode>> Ext2Inode::create(StringView name, u32 mode, const Credentials& creds) {
    return make_child(name, S_IFREG | (mode & 07777), 0, {}, creds);
}

Result<RefPtr<Inode>> Ext2Inode::mkdir(StringView name, u32 mode, const Credentials& creds) {
    return make_child(name, S_IFDIR | (mode & 07777), 0, {}, creds);
}

Result<RefPtr<Inode>> Ext2Inode::mknod(StringView name, u32 mode, DevId rdev, const Credentials& creds) {
    u32 type = mode & S_IFMT;
    if (type != S_IFCHR && type != S_IFBLK && type != S_IFIFO && type != S_IFSOCK && type != S_IFREG)
        return Error(EINVAL);
    return make_child(name, mode, type == S_IFCHR || type == S_IFBLK ? rdev : 0, {}, creds);
}

Result<RefPtr<Inode>> Ext2Inode::symlink(StringView name, StringView target, const Credentials& creds) {
    return make_child(name, S_IFLNK | 0777, 0, target, creds);
}

Result<void> Ext2Inode::link(StringView name, Inode& target) {
    Ext2Volume& v = esb().vol();
    if (v.read_only()) return Error(EROFS);
    Ext2Inode& t = as_ext2(target);
    MutexGuard g(esb().vol_lock());
    esb().charge_caller();
    TRY(ext2_link(v, {ino32(), &disk()}, name, {t.ino32(), &t.disk()}, esb().now()));
    pull();
    t.pull();
    return {};
}

Result<void> Ext2Inode::unlink(StringView name, Inode& victim) {
    Ext2Volume& v = esb().vol();
    if (v.read_only()) return Error(EROFS);
    Ext2Inode& t = as_ext2(victim);
    MutexGuard g(esb().vol_lock());
    esb().reap_orphans();
    TRY(ext2_unlink(v, {ino32(), &disk()}, name, {t.ino32(), &t.disk()}, esb().now()));
    pull();
    t.pull();
    return {};
}

Result<void> Ext2Inode::rmdir(StringView name, Inode& victim) {
    Ext2Volume& v = esb().vol();
    if (v.read_only()) return Error(EROFS);
    Ext2Inode& t = as_ext2(victim);
    MutexGuard g(esb().vol_lock());
    esb().reap_orphans();
    TRY(ext2_rmdir(v, {ino32(), &disk()}, name, {t.ino32(), &t.disk()}, esb().now()));
    pull();
    t.pull();
    return {};
}

Result<void> Ext2Inode::rename(StringView old_name, Inode& new_dir_inode, StringView new_name, unsigned flags) {
    Ext2Volume& v = esb().vol();
    if (v.read_only()) return Error(EROFS);
    Ext2Inode& nd = as_ext2(new_dir_inode);
    MutexGuard g(esb().vol_lock());
    esb().reap_orphans();
    esb().charge_caller();
    u32 src_ino = TRY(v.dir_lookup(m_disk, old_name));
    if (!src_ino) return Error(ENOENT);
    RefPtr<Inode> src = TRY(esb().iget(src_ino));
    u32 dst_ino = TRY(v.dir_lookup(nd.m_disk, new_name));
    RefPtr<Inode> dst;
    if (dst_ino) dst = TRY(esb().iget(dst_ino));
    if (dst_ino == src_ino) return {};   // two names of one file: nothing happens (linux)
    Ext2Now now = esb().now();
    Ext2Node od{ino32(), &disk()};
    Ext2Node ndn{nd.ino32(), &nd.disk()};
    Ext2Inode& s = as_ext2(*src);
    Ext2Node sn{s.ino32(), &s.disk()};
    if (flags & RENAME_EXCHANGE) {
        if (!dst) return Error(ENOENT);
        Ext2Inode& d = as_ext2(*dst);
        TRY(ext2_exchange(v, od, old_name, ndn, new_name, sn, {d.ino32(), &d.disk()}, now));
        d.pull();
    } else if (dst) {
        Ext2Inode& d = as_ext2(*dst);
        Ext2Node dn{d.ino32(), &d.disk()};
        TRY(ext2_rename(v, od, old_name, ndn, new_name, sn, &dn, now));
        d.pull();
    } else {
        TRY(ext2_rename(v, od, old_name, ndn, new_name, sn, nullptr, now));
    }
    pull();
    nd.pull();
    s.pull();
    return {};
}
