// SPDX-License-Identifier: MIT
#include "fs/sysfs/sysfs.h"

#include "abi/linux/fs_abi.h"
#include "abi/linux/uapi.h"
#include "core/time.h"

namespace {

struct SysfsNode {
    const char* name;
    const SysfsNode* children;
    u16 child_count;
};

#define SYSFS_DIR(name, table) {name, table, sizeof(table) / sizeof(table[0])}
#define SYSFS_LEAF(name) {name, nullptr, 0}

constinit const SysfsNode kDevices[] = {SYSFS_LEAF("platform"), SYSFS_LEAF("system"), SYSFS_LEAF("virtual")};
constinit const SysfsNode kFs[] = {SYSFS_LEAF("cgroup")};
constinit const SysfsNode kKernel[] = {SYSFS_LEAF("mm"), SYSFS_LEAF("security")};
constinit const SysfsNode kDev[] = {SYSFS_LEAF("block"), SYSFS_LEAF("char")};
constinit const SysfsNode kTop[] = {
    SYSFS_LEAF("block"),       SYSFS_LEAF("bus"),    SYSFS_LEAF("class"),  SYSFS_DIR("dev", kDev),
    SYSFS_DIR("devices", kDevices), SYSFS_LEAF("firmware"), SYSFS_DIR("fs", kFs), SYSFS_DIR("kernel", kKernel),
    SYSFS_LEAF("module"),      SYSFS_LEAF("power"),
};
constinit const SysfsNode kRoot = SYSFS_DIR("/", kTop);

// Inode numbers: the root is 1; the others follow in table order (depth first), so they are the
// same on every mount.
u64 number_nodes(const SysfsNode& n, const SysfsNode& target, u64& next, bool& found) {
    u64 mine = next++;
    if (&n == &target) {
        found = true;
        return mine;
    }
    for (u16 i = 0; i < n.child_count && !found; i++) {
        u64 r = number_nodes(n.children[i], target, next, found);
        if (found) return r;
    }
    return 0;
}

u64 ino_of(const SysfsNode& n) {
    u64 next = 1;
    bool found = false;
    return number_nodes(kRoot, n, next, found);
}

class SysfsSuperBlock final : public SuperBlock {
public:
    SysfsSuperBlock() : SuperBlock("sysfs", alloc_anon_dev()) {}
    ~SysfsSuperBlock() override { drop_root(); }
    void statfs(FsStats& out) override {
        out = FsStats{};
        out.type = SYSFS_MAGIC;
        out.bsize = out.frsize = kPageSize;
        out.namelen = 255;
    }
    Result<void> set_root(RefPtr<Inode> in) { return make_root(std::move(in)); }
    bool inodes_per_lookup() const override { return true; }
};

class SysfsDir final : public Inode {
public:
    SysfsDir(SuperBlock& sb, const SysfsNode& node, u64 parent_ino)
        : Inode(sb, ino_of(node), S_IFDIR | (&node == &kRoot ? 0555 : 0755)), m_node(node), m_parent_ino(parent_ino) {
        u32 subdirs = node.child_count;
        set_nlink(2 + subdirs);
        set_size(0);
        Timespec now = realtime_now();
        set_atime(now);
        set_mtime(now);
        set_ctime(now);
    }

    Result<RefPtr<Inode>> lookup(StringView name) override {
        for (u16 i = 0; i < m_node.child_count; i++) {
            const SysfsNode& c = m_node.children[i];
            if (StringView(c.name) == name) {
                auto* in = new (std::nothrow) SysfsDir(sb(), c, ino());
                if (!in) return Error(ENOMEM);
                return RefPtr<Inode>::adopt(in);
            }
        }
        return Error(ENOENT);
    }

    Result<void> iterate(u64& pos, DirSink& sink) override {
        if (!dir_emit_dots(pos, sink, ino(), m_parent_ino)) return {};
        for (; pos - 2 < m_node.child_count; pos++) {
            const SysfsNode& c = m_node.children[pos - 2];
            if (!sink.emit(StringView(c.name), ino_of(c), mode_to_dtype(S_IFDIR), pos + 1)) return {};
        }
        return {};
    }

private:
    const SysfsNode& m_node;
    u64 m_parent_ino;
};

Result<RefPtr<SuperBlock>> sysfs_mount(StringView, u64, const char*) {
    auto* sb = new (std::nothrow) SysfsSuperBlock();
    if (!sb) return Error(ENOMEM);
    auto ref = RefPtr<SysfsSuperBlock>::adopt(sb);
    auto* root = new (std::nothrow) SysfsDir(*sb, kRoot, 1);
    if (!root) return Error(ENOMEM);
    TRY(sb->set_root(RefPtr<Inode>::adopt(root)));
    return RefPtr<SuperBlock>(std::move(ref));
}

constinit const FileSystemType g_sysfs_type{"sysfs", sysfs_mount, false};

}  // namespace

const FileSystemType& sysfs_type() { return g_sysfs_type; }
