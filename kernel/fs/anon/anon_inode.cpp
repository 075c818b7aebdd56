// SPDX-License-Identifier: MIT
#include "fs/anon/anon_inode.h"

#include "abi/linux/uapi.h"
#include "fs/vfs/inode.h"
#include "lib/string_view.h"
#include "sync/spinlock.h"

namespace {

class AnonFs final : public SuperBlock {
public:
    AnonFs(const char* kind, DevId dev) : SuperBlock(kind, dev) {}
    void statfs(FsStats& out) override {
        out = FsStats{};
        out.type = ANON_INODE_FS_MAGIC;
    }
};

class AnonInode final : public Inode {
public:
    // linux: alloc_anon_inode(): mode S_IRUSR | S_IWUSR without a type, owned by root.
    AnonInode(SuperBlock& sb, u64 ino) : Inode(sb, ino, S_IRUSR | S_IWUSR) { init_new_inode(Credentials{}, nullptr); }
};

struct Kind {
    const char* name;
    AnonFs* fs;
    AnonInode* inode;
};

constexpr usize kMaxKinds = 8;
constinit Spinlock g_kinds_lock(LockRank::FdTable, "anon-inodes");
constinit Kind g_kinds[kMaxKinds] = {};
constinit std::atomic<DevId> g_dev{0};   // one device for every kind, as Linux's one anon inode

Result<AnonInode*> inode_of(const char* kind) {
    {
        SpinlockGuard g(g_kinds_lock);
        for (Kind& k : g_kinds)
            if (k.name && StringView(k.name) == StringView(kind)) return k.inode;
    }
    // Built outside the lock (allocation); a racing creator's copy is dropped.
    DevId dev = g_dev.load(std::memory_order_acquire);
    if (!dev) {
        DevId fresh = SuperBlock::alloc_anon_dev();
        dev = g_dev.compare_exchange_strong(dev, fresh) ? fresh : dev;
    }
    auto* fs = new (std::nothrow) AnonFs(kind, dev);
    if (!fs) return Error(ENOMEM);
    auto* inode = new (std::nothrow) AnonInode(*fs, 1);
    if (!inode) {
        delete fs;
        return Error(ENOMEM);
    }
    SpinlockGuard g(g_kinds_lock);
    for (Kind& k : g_kinds) {
        if (k.name && StringView(k.name) == StringView(kind)) {
            delete inode;
            delete fs;
            return k.inode;
        }
        if (!k.name) {
            k = Kind{kind, fs, inode};   // the table keeps both references for ever
            return inode;
        }
    }
    return Error(ENOMEM);
}

}  // namespace

Result<RefPtr<File>> anon_inode_file(const char* kind, FileOps& ops, void* private_data, u32 flags) {
    AnonInode* inode = TRY(inode_of(kind));
    RefPtr<File> f = TRY(File::open_anonymous(RefPtr<Inode>(inode), ops, flags));
    f->private_data = private_data;
    return f;
}
