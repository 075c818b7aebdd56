// SPDX-License-Identifier: MIT
// The "cgroup2" file system (linux: kernfs under kernel/cgroup/cgroup.c): one superblock for the
// one hierarchy, so every mount shows the same tree. Directories are cgroups (mkdir, rmdir;
// no rename, which Linux has for cgroup v1 only); the regular files are the interface files of cgroup_files.cpp,
// generated on read like procfs's and applied one write(2) at a time. Inodes are made per lookup
// and the dentry cache is off (as procfs): removed cgroups must not stay resolvable, and
// attributes live in the Cgroup.
#include "fs/cgroup/cgroupfs.h"

#include "abi/linux/fs_abi.h"
#include "abi/linux/uapi.h"
#include "core/fd_table.h"
#include "core/process.h"
#include "fs/cgroup/cgroup_files.h"
#include "fs/notify/fsnotify.h"
#include "fs/procfs/seq_buf.h"
#include "fs/vfs/file.h"
#include "fs/vfs/late_init.h"
#include "fs/vfs/vfs.h"
#include "mm/kheap.h"
#include "sync/mutex.h"

namespace {

// Mount options (linux: CGRP_ROOT_NS_DELEGATE, _MEMORY_LOCAL_EVENTS, _MEMORY_RECURSIVE_PROT):
// kept for /proc/mounts; the memory ones have nothing to act on, nsdelegate has no cgroup
// namespaces to delegate to.
constexpr u32 kOptNsDelegate = 1, kOptMemoryLocalEvents = 2, kOptMemoryRecursiveProt = 4;
std::atomic<u32> g_options{0};

constexpr usize kEventsIndex = 1;   // cgroup.events in kCgroupFiles
constexpr usize kMaxWrite = 4096;   // linux: the kernfs atomic_write_len of cgroup files (E2BIG)

u64 file_ino(const Cgroup& cg, usize index) { return (u64(1) << 40) | (cg.id() << 5) | index; }

Credentials opener_credentials() {
    if (Process* p = current_process()) return p->creds;
    return kernel_credentials();
}

void set_times_now(Inode& in) {
    Timespec now = realtime_now();
    in.set_atime(now);
    in.set_mtime(now);
    in.set_ctime(now);
}

class CgroupSuperBlock final : public SuperBlock {
public:
    CgroupSuperBlock() : SuperBlock("cgroup2", alloc_anon_dev()) {}
    ~CgroupSuperBlock() override { drop_root(); }
    void statfs(FsStats& out) override {
        out = FsStats{};
        out.type = CGROUP2_SUPER_MAGIC;
        out.bsize = out.frsize = kPageSize;
        out.namelen = 255;
    }
    bool inodes_per_lookup() const override { return true; }
    // linux: kernfs_encode_fh(): the node's 64-bit id, which for a cgroup directory is the
    // cgroup id (what systemd reads as a cgroup's id) and is also the inode number.
    Result<u32> encode_file_handle(const Inode& inode, u32* fh, u32& dwords) const override {
        u32 w[2] = {static_cast<u32>(inode.ino()), static_cast<u32>(inode.ino() >> 32)};
        return put_file_handle(w, 2, kFileidKernfs, fh, dwords);
    }
    usize show_options(char* buf, usize cap) const override {
        u32 o = g_options.load(std::memory_order_relaxed);
        usize n = 0;
        auto put = [&](const char* s) {
            for (; *s && n < cap; s++) buf[n++] = *s;
        };
        if (o & kOptNsDelegate) put(",nsdelegate");
        if (o & kOptMemoryLocalEvents) put(",memory_localevents");
        if (o & kOptMemoryRecursiveProt) put(",memory_recursiveprot");
        return n;
    }
    Result<void> remount(const char* data) override;
    Result<void> set_root(RefPtr<Inode> in) { return make_root(std::move(in)); }
};

// linux: cgroup2_parse_param(): the three flags; anything else is EINVAL.
Result<u32> parse_options(const char* data) {
    u32 o = 0;
    if (!data) return o;
    StringView rest(data), key, value;
    bool has_value;
    while (next_mount_option(rest, key, value, has_value)) {
        if (has_value) return Error(EINVAL);
        if (key == "nsdelegate") o |= kOptNsDelegate;
        else if (key == "memory_localevents") o |= kOptMemoryLocalEvents;
        else if (key == "memory_recursiveprot") o |= kOptMemoryRecursiveProt;
        else return Error(EINVAL);
    }
    return o;
}

Result<void> CgroupSuperBlock::remount(const char* data) {
    g_options.store(TRY(parse_options(data)), std::memory_order_relaxed);
    return {};
}

// --- interface files ------------------------------------------------------------------------------

class CgroupFileOps final : public FileOps {
public:
    CgroupFileOps(RefPtr<Cgroup> cg, const CgroupFile& f, Credentials opener)
        : m_cg(std::move(cg)), m_file(f), m_opener(opener) {}

    // linux: kernfs_generic_poll(): EPOLLPRI | EPOLLERR until the description is first read,
    // and again once cgroup.events changed since that read.
    u32 poll(File&) override {
        u32 mask = POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;
        if (events_seq() != m_seen.load(std::memory_order_acquire)) mask |= POLLPRI | POLLERR;
        return mask;
    }
    WaitQueue* wait_queue(File&) override { return is_events() ? &m_cg->events_wait : nullptr; }

    Result<usize> read(File&, const IoBuffer& buf, u64& offset) override {
        if (!m_file.show) return Error(EINVAL);
        MutexGuard g(m_lock);
        if (m_cg->dead()) return Error(ENODEV);   // linux: the kernfs node is deactivated
        if (!m_generated || offset == 0) {
            m_seen.store(events_seq(), std::memory_order_release);
            m_buf.clear();
            m_generated = false;
            TRY(m_file.show(*m_cg, m_buf));
            TRY(m_buf.status());
            m_generated = true;
        }
        return m_buf.read_at(buf, offset);
    }

    Result<usize> write(File&, const IoBuffer& buf, u64& offset) override {
        if (buf.size() == 0) return usize(0);   // linux: vfs_write() returns before the file sees it
        if (buf.size() > kMaxWrite) return Error(E2BIG);
        if (!m_file.write) return Error(EINVAL);
        if (m_cg->dead()) return Error(ENODEV);
        usize n = buf.size();
        char* data = static_cast<char*>(kmalloc(n ? n : 1));
        if (!data) return Error(ENOMEM);
        auto r = buf.read_at(0, data, n);
        if (r.is_ok()) r = m_file.write(*m_cg, StringView(data, n), m_opener);
        kfree(data);
        TRY(r);
        offset += n;
        return n;
    }

    Result<u64> lseek(File&, u64 current, i64 offset, int whence) override {
        return set_cur_llseek(current, offset, whence);
    }

    bool positional() const override { return true; }

private:
    bool is_events() const { return cgroup_file_index(m_file) == kEventsIndex; }
    u64 events_seq() const { return is_events() ? m_cg->events_seq.load(std::memory_order_acquire) : 0; }

    RefPtr<Cgroup> m_cg;
    const CgroupFile& m_file;
    Credentials m_opener;
    std::atomic<u64> m_seen{~u64(0)};   // nothing read yet
    Mutex m_lock{"cgroup-file"};
    SeqBuf m_buf;
    bool m_generated = false;
};

class CgroupFileInode final : public Inode {
public:
    CgroupFileInode(SuperBlock& sb, RefPtr<Cgroup> cg, const CgroupFile& f)
        : Inode(sb, file_ino(*cg, cgroup_file_index(f)), S_IFREG | cgroup_file_attr(*cg, cgroup_file_index(f)).mode),
          m_cg(std::move(cg)),
          m_file(f) {
        Cgroup::Attr a = cgroup_file_attr(*m_cg, cgroup_file_index(f));
        set_uid(a.uid);
        set_gid(a.gid);
        set_times_now(*this);
    }

    Result<void> open(File& file) override {
        auto* ops = new (std::nothrow) CgroupFileOps(m_cg, m_file, opener_credentials());
        if (!ops) return Error(ENOMEM);
        file.set_owned_ops(OwnPtr<CgroupFileOps>(ops));
        return {};
    }
    Result<void> truncate(u64) override { return {}; }   // O_TRUNC on an interface file: ignored
    XattrStore* xattrs() override { return &m_cg->file_xattrs[cgroup_file_index(m_file)]; }
    Mutex& xattr_lock() override { return m_cg->xattr_mutex; }
    bool user_xattrs() const override { return true; }
    Result<void> setattr(const SetAttr& attr) override {
        TRY(Inode::setattr(attr));
        MutexGuard g(cgroup_mutex());
        Cgroup::Attr& a = m_cg->file_attr[cgroup_file_index(m_file)];
        a.mode = mode() & 07777;
        a.uid = uid();
        a.gid = gid();
        return {};
    }

private:
    RefPtr<Cgroup> m_cg;
    const CgroupFile& m_file;
};

// --- cgroup directories --------------------------------------------------------------------------

Result<RefPtr<Inode>> make_dir_inode(SuperBlock& sb, RefPtr<Cgroup> cg);

// Directory positions: 2 + the file's index for files, then kFirstChildPos + the child's id
// (children are listed in creation order, so ids increase along the list).
constexpr u64 kFirstChildPos = 2 + kCgroupFileCount;

class CgroupDirInode final : public Inode {
public:
    CgroupDirInode(SuperBlock& sb, RefPtr<Cgroup> cg)
        : Inode(sb, cg->id(), S_IFDIR | (cg->dir_attr.mode ? cg->dir_attr.mode : 0555)), m_cg(std::move(cg)) {
        set_uid(m_cg->dir_attr.uid);
        set_gid(m_cg->dir_attr.gid);
        set_nlink(2 + static_cast<u32>(m_cg->nr_subdirs));
        set_times_now(*this);
    }

    XattrStore* xattrs() override { return &m_cg->dir_xattrs; }
    Mutex& xattr_lock() override { return m_cg->xattr_mutex; }
    bool user_xattrs() const override { return true; }

    Result<RefPtr<Inode>> lookup(StringView name) override {
        if (sb().cache_enabled()) sb().shutdown();   // see the file comment
        if (m_cg->dead()) return Error(ENOENT);      // a removed cgroup has no entries left
        for (const CgroupFile& f : kCgroupFiles) {
            if (StringView(f.name) != name || !cgroup_file_present(*m_cg, f)) continue;
            auto* in = new (std::nothrow) CgroupFileInode(sb(), m_cg, f);
            if (!in) return Error(ENOMEM);
            return RefPtr<Inode>::adopt(in);
        }
        RefPtr<Cgroup> child;
        {
            MutexGuard g(cgroup_mutex());
            child = RefPtr<Cgroup>(cgroup_child_locked(*m_cg, name));
        }
        if (!child) return Error(ENOENT);
        return make_dir_inode(sb(), std::move(child));
    }

    Result<void> iterate(u64& pos, DirSink& sink) override {
        u64 parent_ino = m_cg->is_root() ? ino() : m_cg->parent()->id();
        if (!dir_emit_dots(pos, sink, ino(), parent_ino)) return {};
        if (m_cg->dead()) return {};
        for (; pos < kFirstChildPos; pos++) {
            const CgroupFile& f = kCgroupFiles[pos - 2];
            if (!cgroup_file_present(*m_cg, f)) continue;
            if (!sink.emit(StringView(f.name), file_ino(*m_cg, pos - 2), mode_to_dtype(S_IFREG), pos + 1)) return {};
        }
        MutexGuard g(cgroup_mutex());
        for (Cgroup& c : m_cg->children) {
            u64 my = kFirstChildPos + c.id();
            if (my < pos) continue;
            if (!sink.emit(StringView(c.name), c.id(), mode_to_dtype(S_IFDIR), my + 1)) return {};
            pos = my + 1;
        }
        return {};
    }

    Result<RefPtr<Inode>> mkdir(StringView name, u32 mode, const Credentials& creds) override {
        MutexGuard g(cgroup_mutex());
        if (m_cg->dead()) return Error(ENOENT);
        RefPtr<Cgroup> c = TRY(cgroup_create_locked(*m_cg, name));
        // linux: kernfs_create_dir() with the mkdir mode; cgroup_kn_set_ugid() gives the
        // directory and its files to a creator other than root.
        c->dir_attr.mode = mode & 07777;
        c->dir_attr.uid = creds.fsuid;
        c->dir_attr.gid = creds.fsgid;
        for (Cgroup::Attr& a : c->file_attr) {
            a.uid = creds.fsuid;
            a.gid = creds.fsgid;
        }
        inc_nlink();
        auto* in = new (std::nothrow) CgroupDirInode(sb(), c);
        if (!in) return Error(ENOMEM);
        return RefPtr<Inode>::adopt(in);
    }

    Result<void> rmdir(StringView, Inode& victim) override {
        auto& v = static_cast<CgroupDirInode&>(victim);
        MutexGuard g(cgroup_mutex());
        TRY(cgroup_destroy_locked(*v.m_cg));
        victim.mark_dead();
        victim.set_nlink(0);
        dec_nlink();
        return {};
    }

    // linux: kernfs_iop_rename() takes no flags, and only cgroup v1 has a rename method.
    Result<void> rename(StringView, Inode&, StringView, unsigned flags) override { return Error(flags ? EINVAL : EPERM); }

    // linux: kernfs directories have no create/mknod/symlink/link (the VFS's EACCES and EPERM).
    Result<RefPtr<Inode>> create(StringView, u32, const Credentials&) override { return Error(EACCES); }
    Result<RefPtr<Inode>> mknod(StringView, u32, DevId, const Credentials&) override { return Error(EPERM); }
    Result<RefPtr<Inode>> symlink(StringView, StringView, const Credentials&) override { return Error(EPERM); }
    Result<void> link(StringView, Inode&) override { return Error(EPERM); }
    Result<void> unlink(StringView, Inode&) override { return Error(EPERM); }

    Result<void> setattr(const SetAttr& attr) override {
        TRY(Inode::setattr(attr));
        MutexGuard g(cgroup_mutex());
        m_cg->dir_attr.mode = mode() & 07777;
        m_cg->dir_attr.uid = uid();
        m_cg->dir_attr.gid = gid();
        return {};
    }

    RefPtr<Cgroup> cgroup() const { return m_cg; }

private:
    RefPtr<Cgroup> m_cg;
};

Result<RefPtr<Inode>> make_dir_inode(SuperBlock& sb, RefPtr<Cgroup> cg) {
    auto* in = new (std::nothrow) CgroupDirInode(sb, std::move(cg));
    if (!in) return Error(ENOMEM);
    return RefPtr<Inode>::adopt(in);
}

LateInit<RefPtr<CgroupSuperBlock>> g_sb;

// linux: kernfs_notify(): IN_MODIFY on the file and, with its name, on its directory. The
// inodes are stand-ins: watches match them by superblock and inode number.
void notify_events(Cgroup& cg) {
    SuperBlock& sb = *g_sb.get();
    RefPtr<Cgroup> ref(&cg);
    auto* file = new (std::nothrow) CgroupFileInode(sb, ref, kCgroupFiles[kEventsIndex]);
    auto* dir = new (std::nothrow) CgroupDirInode(sb, ref);
    RefPtr<Inode> f = RefPtr<Inode>::adopt(file), d = RefPtr<Inode>::adopt(dir);
    if (!file || !dir) return;   // no memory: the event is lost, as an overflowing queue's
    fsnotify_name(*d, StringView(kCgroupFiles[kEventsIndex].name), IN_MODIFY, 0);
    fsnotify_self(*f, IN_MODIFY);
}

Result<RefPtr<SuperBlock>> cgroup2_mount(StringView, u64, const char* data) {
    // linux: cgroup_get_tree() → apply_cgroup_root_flags(): each mount sets the options.
    g_options.store(TRY(parse_options(data)), std::memory_order_relaxed);
    return RefPtr<SuperBlock>(g_sb.get());
}

constinit const FileSystemType g_cgroup2_type{"cgroup2", cgroup2_mount, false};

}  // namespace

Result<RefPtr<Cgroup>> cgroup_for_clone_into(int fd, bool thread) {
    Process* self = current_process();
    auto f = self->fds->get(fd);
    if (f.is_error()) return Error(EBADF);
    Inode& in = f.value()->inode();
    if (!g_sb.ready() || &in.sb() != g_sb.get().ptr() || !in.is_dir()) return Error(EBADF);
    RefPtr<Cgroup> cg = static_cast<CgroupDirInode&>(in).cgroup();
    if (cg->dead()) return Error(ENOENT);   // linux: css_tryget_online_from_dir()
    TRY(cgroup_can_clone_into(*cg, thread, cgroup_may_write_procs, self->creds));
    return cg;
}

void cgroupfs_init() {
    cgroup_init();
    // Boot: failure is fatal, as for the other built-in file systems.
    auto* sb = new (std::nothrow) CgroupSuperBlock();
    VERIFY(sb);
    auto ref = RefPtr<CgroupSuperBlock>::adopt(sb);
    RefPtr<Inode> root = MUST(make_dir_inode(*sb, RefPtr<Cgroup>(&cgroup_root())));
    MUST(sb->set_root(std::move(root)));
    g_sb.init(std::move(ref));
    MUST(register_filesystem(g_cgroup2_type));
    cgroup_set_events_notifier(notify_events);
}
