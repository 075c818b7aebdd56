// SPDX-License-Identifier: MIT
#include "fs/nsfs/nsfs.h"

#include <new>

#include "abi/linux/uapi.h"
#include "core/process.h"
#include "core/process_table.h"
#include "fs/vfs/dentry.h"
#include "fs/vfs/file.h"
#include "fs/vfs/inode.h"
#include "ipc/ipc_namespace.h"

namespace {

class NsFs final : public SuperBlock {
public:
    explicit NsFs(DevId dev) : SuperBlock("nsfs", dev) {}
    void statfs(FsStats& out) override {
        out = FsStats{};
        out.type = NSFS_MAGIC;
    }
};

NsFs& nsfs() {
    static NsFs* fs = [] {
        auto* f = new (std::nothrow) NsFs(SuperBlock::alloc_anon_dev());   // never freed
        VERIFY(f);
        return f;
    }();
    return *fs;
}

class NsInode final : public Inode {
public:
    // linux: nsfs inodes are regular files readable by all, owned by root.
    NsInode(const NsHandle& h) : Inode(nsfs(), h.inum(), S_IFREG | S_IRUSR | S_IRGRP | S_IROTH), handle(h) {
        init_new_inode(Credentials{}, nullptr);
    }
    NsHandle handle;
};

}  // namespace

u32 NsHandle::inum() const { return type == CLONE_NEWUTS ? ns.uts->inum : ns.ipc->inum; }
const char* NsHandle::name() const { return type == CLONE_NEWUTS ? "uts" : "ipc"; }

Result<NsHandle> ns_of_process(int pid, u64 type) {
    NsHandle h;
    h.type = type;
    {
        SpinlockGuard g(g_process_tree_lock);
        Process* p = process_find_locked(pid);
        if (!p) return Error(ENOENT);
        if (type == CLONE_NEWUTS) h.ns.uts = p->ns.uts;
        else h.ns.ipc = p->ns.ipc;
    }
    if (type == CLONE_NEWUTS ? !h.ns.uts : !h.ns.ipc) return Error(ENOENT);
    return h;
}

Result<Path> nsfs_path(const NsHandle& h) {
    auto* in = new (std::nothrow) NsInode(h);
    if (!in) return Error(ENOMEM);
    auto d = TRY(Dentry::make_root(RefPtr<Inode>::adopt(in)));
    return Path{RefPtr<Mount>(), std::move(d)};
}

Result<NsHandle> nsfs_handle(File& f) {
    if (&f.inode().sb() != &nsfs()) return Error(EINVAL);
    return static_cast<NsInode&>(f.inode()).handle;
}
