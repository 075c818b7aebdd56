// SPDX-License-Identifier: MIT
#include "fs/initramfs/initramfs.h"

#include "abi/linux/uapi.h"
#include "core/log.h"
#include "fs/initramfs/cpio.h"
#include "fs/vfs/vfs.h"
#include "fs/vfs/vfs_ops.h"
#include "mm/kheap.h"

namespace {

// A growable array of trivially relocatable records (kmalloc'd; ENOMEM on growth failure).
template <typename T>
class Table {
public:
    ~Table() {
        for (usize i = 0; i < m_size; i++) m_items[i].~T();
        kfree(m_items);
    }
    Result<void> push(T&& v) {
        if (m_size == m_cap) {
            usize cap = m_cap ? m_cap * 2 : 16;
            auto* n = static_cast<T*>(kmalloc(cap * sizeof(T)));
            if (!n) return Error(ENOMEM);
            for (usize i = 0; i < m_size; i++) {
                new (&n[i]) T(std::move(m_items[i]));
                m_items[i].~T();
            }
            kfree(m_items);
            m_items = n;
            m_cap = cap;
        }
        new (&m_items[m_size++]) T(std::move(v));
        return {};
    }
    usize size() const { return m_size; }
    T& operator[](usize i) { return m_items[i]; }

private:
    T* m_items = nullptr;
    usize m_size = 0, m_cap = 0;
};

struct LinkKey {
    u32 ino, major, minor, type;
    RefPtr<Inode> inode;
};

struct DirTime {
    RefPtr<Inode> inode;
    u32 mtime;
};

class Unpacker {
public:
    Unpacker(const WalkContext& ctx, InitramfsStats& stats) : m_ctx(ctx), m_stats(stats) {}

    void entry(const CpioEntry& e) {
        m_stats.entries++;
        StringView name = normalize(e.name);
        auto r = create(e, name);
        if (r.is_error()) {
            m_stats.failed++;
            if (m_stats.failed <= 10)
                log_warn("initramfs: cannot create '%.*s' (mode %o): errno %d", static_cast<int>(e.name.length()),
                         e.name.data(), e.mode, r.error_code());
        }
    }

    void finish() {
        // Directory times last: creating their contents changed them.
        for (usize i = 0; i < m_dir_times.size(); i++) set_times(*m_dir_times[i].inode, m_dir_times[i].mtime);
    }

private:
    static StringView normalize(StringView n) {
        for (;;) {
            if (n.starts_with("./")) n = n.substr(2);
            else if (n.starts_with("/")) n = n.substr(1);
            else break;
        }
        while (!n.empty() && n[n.length() - 1] == '/') n = n.substr(0, n.length() - 1);
        if (n == StringView(".")) n = StringView("", 0);
        return n;
    }

    static void set_times(Inode& inode, u32 mtime) {
        SetAttr a;
        a.mask = SetAttr::kAtime | SetAttr::kMtime;
        a.atime = a.mtime = Timespec{static_cast<i64>(mtime), 0};
        (void)vfs_setattr(inode, a);
    }

    static Result<void> set_owner_mode(Inode& inode, const CpioEntry& e) {
        SetAttr a;
        a.mask = SetAttr::kUid | SetAttr::kGid | SetAttr::kMode;
        a.uid = e.uid;
        a.gid = e.gid;
        a.mode = e.mode & 07777;
        return vfs_setattr(inode, a);
    }

    // The existing entry for name, after removing it when its type differs from `type`
    // (linux: clean_path()). Null when there is none (any more).
    Result<RefPtr<Dentry>> existing(const ParentPath& pp, StringView name, u32 type) {
        auto child = lookup_child(*pp.dir.dentry, pp.last);
        if (child.is_error()) {
            if (child.error_code() == ENOENT) return RefPtr<Dentry>();
            return child.error();
        }
        RefPtr<Dentry> d = child.release_value();
        if (d->inode()->type() == type) return d;
        if (d->is_dir()) TRY(vfs_rmdir(m_ctx, name));
        else TRY(vfs_unlink(m_ctx, name));
        return RefPtr<Dentry>();
    }

    Result<void> create(const CpioEntry& e, StringView name) {
        u32 type = e.mode & S_IFMT;
        if (name.empty()) {
            // "." : the root itself.
            if (type != S_IFDIR) return Error(EEXIST);
            Inode& root = *m_ctx.root.inode();
            TRY(set_owner_mode(root, e));
            TRY(m_dir_times.push(DirTime{RefPtr<Inode>(&root), e.mtime}));
            m_stats.dirs++;
            return {};
        }
        auto pp = TRY(resolve_parent(m_ctx, name));
        if (pp.kind != LastKind::Normal) return Error(EINVAL);
        Dentry& dir = *pp.dir.dentry;
        RefPtr<Dentry> old = TRY(existing(pp, name, type));
        const Credentials& creds = m_ctx.creds;

        if (type == S_IFDIR) {
            RefPtr<Dentry> d = old ? old : TRY(vfs_create_child(dir, pp.last, S_IFDIR | (e.mode & 07777), 0, {}, creds));
            TRY(set_owner_mode(*d->inode(), e));
            TRY(m_dir_times.push(DirTime{d->inode_ref(), e.mtime}));
            m_stats.dirs++;
            return {};
        }
        if (type == S_IFLNK) {
            if (old) return {};   // linux: an existing symlink is kept (symlink() fails EEXIST)
            if (e.data_size == 0 || e.data_size >= 4096) return Error(ENAMETOOLONG);
            StringView target(reinterpret_cast<const char*>(e.data), e.data_size);
            auto d = TRY(vfs_create_child(dir, pp.last, S_IFLNK | 0777, 0, target, creds));
            SetAttr a;
            a.mask = SetAttr::kUid | SetAttr::kGid;
            a.uid = e.uid;
            a.gid = e.gid;
            TRY(vfs_setattr(*d->inode(), a));
            set_times(*d->inode(), e.mtime);
            m_stats.symlinks++;
            return {};
        }
        if (type != S_IFREG && type != S_IFCHR && type != S_IFBLK && type != S_IFIFO && type != S_IFSOCK)
            return Error(EINVAL);

        // Hard links: entries with nlink > 1 that share (ino, dev, type) are one file; later
        // ones are links to the first, and whichever carries data fills it.
        RefPtr<Inode> inode;
        if (e.nlink > 1) {
            for (usize i = 0; i < m_links.size(); i++) {
                LinkKey& k = m_links[i];
                if (k.ino == e.ino && k.major == e.dev_major && k.minor == e.dev_minor && k.type == type) {
                    inode = k.inode;
                    break;
                }
            }
        }
        if (inode) {
            if (old) {
                if (old->inode() != inode.ptr()) TRY(vfs_unlink(m_ctx, name));
                else old = nullptr;
            }
            if (!old) {
                MutexGuard g(dir.inode()->lock());
                if (!lookup_child_locked(dir, pp.last).value_or(nullptr)) {
                    TRY(dir.inode()->link(pp.last, *inode));
                    TRY(d_add(dir, pp.last, inode));
                }
            }
            m_stats.hardlinks++;
        } else {
            RefPtr<Dentry> d;
            if (old) {
                d = old;
                if (type == S_IFREG) {
                    SetAttr a;
                    a.mask = SetAttr::kSize;
                    a.size = 0;
                    TRY(vfs_setattr(*d->inode(), a));   // linux: O_TRUNC
                }
            } else {
                DevId rdev = make_dev(e.rdev_major, e.rdev_minor);
                d = TRY(vfs_create_child(dir, pp.last, type | (e.mode & 07777), rdev, {}, creds));
            }
            inode = d->inode_ref();
            if (e.nlink > 1) TRY(m_links.push(LinkKey{e.ino, e.dev_major, e.dev_minor, type, inode}));
            if (type == S_IFREG) m_stats.files++;
            else m_stats.nodes++;
        }
        if (type == S_IFREG && e.data_size) {
            MutexGuard g(inode->lock());
            auto buf = IoBuffer::kernel(const_cast<u8*>(e.data), e.data_size);
            usize n = TRY(inode->write(buf, 0));
            if (n != e.data_size) return Error(ENOSPC);
            m_stats.bytes += n;
        }
        TRY(set_owner_mode(*inode, e));
        set_times(*inode, e.mtime);
        return {};
    }

    const WalkContext& m_ctx;
    InitramfsStats& m_stats;
    Table<LinkKey> m_links;
    Table<DirTime> m_dir_times;
};

}  // namespace

Result<void> initramfs_unpack(const u8* data, usize size, RefPtr<Dentry> root, const Credentials& creds,
                              InitramfsStats* stats_out) {
    InitramfsStats stats{};
    // The walk is confined to root: "..", absolute names and absolute symlinks stay inside.
    Path base{nullptr, root};
    Path top = vfs_root();
    if (top.dentry == root) base = top;
    WalkContext ctx{base, base, creds};
    CpioReader reader(data, size);
    Unpacker unpacker(ctx, stats);
    Result<void> result{};
    CpioEntry e;
    for (;;) {
        auto r = reader.next(e);
        if (r.is_error()) {
            log_err("initramfs: corrupt archive at offset %zu: %s; %u entries unpacked before it",
                    reader.error_offset(), reader.error(), stats.entries);
            result = Error(EINVAL);
            break;
        }
        if (!r.value()) break;
        unpacker.entry(e);
    }
    unpacker.finish();
    if (reader.trailing_junk()) log_warn("initramfs: ignoring data after the last TRAILER!!! (not an archive)");
    if (stats_out) *stats_out = stats;
    return result;
}
