// SPDX-License-Identifier: MIT
// linux: fs/devpts/inode.c
#include "fs/devpts/devpts.h"

#include "abi/linux/fs_abi.h"
#include "abi/linux/uapi.h"
#include "core/process.h"
#include "fs/devpts/devpts_options.h"
#include "fs/vfs/late_init.h"
#include "mm/kheap.h"

namespace {

constexpr u32 kPtmxMajor = 5, kPtmxMinor = 2, kSlaveMajor = 136;
constexpr u64 kRootIno = 1, kPtmxIno = 2;
constexpr u64 ino_of(u32 index) { return index + 3; }   // as Linux's devpts_pty_new

class DevptsSuperBlock final : public SuperBlock {
public:
    DevptsSuperBlock() : SuperBlock("devpts", alloc_anon_dev()) {}
    ~DevptsSuperBlock() override { drop_root(); }
    void statfs(FsStats& out) override {
        // linux: simple_statfs
        out = FsStats{};
        out.type = DEVPTS_SUPER_MAGIC;
        out.bsize = out.frsize = kPageSize;
        out.namelen = 255;
    }
    bool uncached_names() const override { return true; }
    Result<void> set_root(RefPtr<Inode> in) { return make_root(std::move(in)); }
    Protected<DevptsOptions> options{LockRank::Pty, "devpts-options"};
};

class DevptsNode final : public Inode {
public:
    DevptsNode(SuperBlock& sb, u64 ino, u32 perm, DevId dev, u32 uid, u32 gid) : Inode(sb, ino, S_IFCHR | perm) {
        set_rdev(dev);
        set_uid(uid);
        set_gid(gid);
        Timespec now = realtime_now();
        set_atime(now);
        set_mtime(now);
        set_ctime(now);
    }
};

usize format_index(u32 v, char* buf) {
    char tmp[12];
    usize n = 0;
    do {
        tmp[n++] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v);
    for (usize i = 0; i < n; i++) buf[i] = tmp[n - 1 - i];
    return n;
}

// "N" without leading zeros, below the limit.
bool parse_index(StringView name, u32& out) {
    if (name.empty() || name.length() > 5 || (name.length() > 1 && name[0] == '0')) return false;
    u64 v;
    if (!parse_u64(name, v) || name.starts_with("0x") || v >= kDevptsMaxEntries) return false;
    out = static_cast<u32>(v);
    return true;
}

class DevptsRoot final : public Inode {
public:
    explicit DevptsRoot(SuperBlock& sb) : Inode(sb, kRootIno, S_IFDIR | 0755) {
        set_nlink(2);
        Timespec now = realtime_now();
        set_atime(now);
        set_mtime(now);
        set_ctime(now);
    }
    ~DevptsRoot() override { kfree(m_nodes); }

    Result<void> init(RefPtr<Inode> ptmx) {
        m_nodes = static_cast<Inode**>(kzalloc(sizeof(Inode*) * kDevptsMaxEntries));
        if (!m_nodes) return Error(ENOMEM);
        m_ptmx = std::move(ptmx);
        return {};
    }
    Inode& ptmx() { return *m_ptmx; }

    Result<RefPtr<Inode>> lookup(StringView name) override {
        if (sb().cache_enabled()) sb().shutdown();   // see devpts.h
        if (name == "ptmx") return m_ptmx;
        u32 index;
        if (!parse_index(name, index)) return Error(ENOENT);
        RefPtr<Inode> n = get(index);
        if (!n) return Error(ENOENT);
        return n;
    }

    Result<void> iterate(u64& pos, DirSink& sink) override {
        if (!dir_emit_dots(pos, sink, ino(), ino())) return {};
        if (pos == 2) {
            if (!sink.emit(StringView("ptmx"), kPtmxIno, mode_to_dtype(S_IFCHR), 3)) return {};
            pos = 3;
        }
        for (u32 index = static_cast<u32>(pos - 3); index < kDevptsMaxEntries; index++) {
            RefPtr<Inode> n = get(index);
            if (!n) continue;
            char name[12];
            usize len = format_index(index, name);
            if (!sink.emit(StringView(name, len), n->ino(), mode_to_dtype(S_IFCHR), ino_of(index) + 1)) return {};
            pos = ino_of(index) + 1;
        }
        pos = ino_of(kDevptsMaxEntries);
        return {};
    }

    RefPtr<Inode> get(u32 index) {
        SpinlockGuard g(m_lock);
        return RefPtr<Inode>(m_nodes[index]);
    }
    // Installs n (adopting nothing: the table holds its own reference).
    Result<void> put(u32 index, RefPtr<Inode> n) {
        SpinlockGuard g(m_lock);
        if (m_nodes[index]) return Error(EEXIST);
        m_nodes[index] = n.ptr();
        n->ref();
        return {};
    }
    RefPtr<Inode> take(u32 index) {
        SpinlockGuard g(m_lock);
        Inode* n = m_nodes[index];
        m_nodes[index] = nullptr;
        return n ? RefPtr<Inode>::adopt(n) : RefPtr<Inode>();
    }

private:
    Spinlock m_lock{LockRank::Pty, "devpts"};
    Inode** m_nodes = nullptr;   // each holds a reference
    RefPtr<Inode> m_ptmx;
};

LateInit<RefPtr<DevptsSuperBlock>> g_sb;

DevptsRoot& root_inode() { return *static_cast<DevptsRoot*>(g_sb.get()->root()->inode()); }

Result<RefPtr<SuperBlock>> devpts_mount(StringView, u64, const char* data) {
    DevptsOptions o = TRY(devpts_parse_options(data));
    DevptsSuperBlock& sb = *g_sb.get();
    sb.options.with([&](DevptsOptions& cur) { cur = o; });
    root_inode().ptmx().set_mode_bits(o.ptmxmode);
    return RefPtr<SuperBlock>(g_sb.get());
}

constinit const FileSystemType g_devpts_type{"devpts", devpts_mount, false};

}  // namespace

const FileSystemType& devpts_type() { return g_devpts_type; }

void devpts_init() {
    // Boot: without it no terminal program runs; failure is fatal.
    auto* sb = new (std::nothrow) DevptsSuperBlock();
    VERIFY(sb);
    auto ref = RefPtr<DevptsSuperBlock>::adopt(sb);
    auto* root = new (std::nothrow) DevptsRoot(*sb);
    auto* ptmx = new (std::nothrow) DevptsNode(*sb, kPtmxIno, 0, make_dev(kPtmxMajor, kPtmxMinor), 0, 0);
    VERIFY(root && ptmx);
    auto root_ref = RefPtr<Inode>::adopt(root);
    MUST(root->init(RefPtr<Inode>::adopt(ptmx)));
    MUST(sb->set_root(std::move(root_ref)));
    g_sb.init(std::move(ref));
    MUST(register_filesystem(g_devpts_type));
}

Result<Path> devpts_for_ptmx(const Path& ptmx_path) {
    if (&ptmx_path.dentry->sb() == g_sb.get().ptr())
        return Path{ptmx_path.mnt, RefPtr<Dentry>(ptmx_path.mnt ? ptmx_path.mnt->root() : g_sb.get()->root())};
    RefPtr<Dentry> dir = ptmx_path.dentry->parent_ref();
    if (!dir || !ptmx_path.mnt) return Error(ENODEV);
    auto pts = lookup_child(*dir, StringView("pts"));
    if (pts.is_error()) return Error(ENODEV);
    Path p{ptmx_path.mnt, pts.release_value()};
    path_cross_mounts(p);
    if (&p.dentry->sb() != g_sb.get().ptr() || p.dentry.ptr() != p.mnt->root()) return Error(ENODEV);
    return p;
}

Result<void> devpts_add(u32 index) {
    if (index >= kDevptsMaxEntries) return Error(ENOSPC);
    DevptsSuperBlock& sb = *g_sb.get();
    DevptsOptions o = sb.options.with([](DevptsOptions& cur) { return cur; });
    const Credentials& c = current_process() ? current_process()->creds : kernel_credentials();
    auto* n = new (std::nothrow) DevptsNode(sb, ino_of(index), o.mode, make_dev(kSlaveMajor, index),
                                            o.set_uid ? o.uid : c.fsuid, o.set_gid ? o.gid : c.fsgid);
    if (!n) return Error(ENOMEM);
    return root_inode().put(index, RefPtr<Inode>::adopt(n));
}

void devpts_remove(u32 index) {
    if (index >= kDevptsMaxEntries || !g_sb.ready()) return;
    RefPtr<Inode> n = root_inode().take(index);
    if (n) n->set_nlink(0);
}

Result<Path> devpts_node_path(const Path& root, u32 index) {
    char name[12];
    usize len = format_index(index, name);
    RefPtr<Dentry> d = TRY(lookup_child(*root.dentry, StringView(name, len)));
    return Path{root.mnt, std::move(d)};
}
