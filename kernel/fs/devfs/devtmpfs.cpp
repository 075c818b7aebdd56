// SPDX-License-Identifier: MIT
#include "fs/devfs/devtmpfs.h"

#include "abi/linux/uapi.h"
#include "fs/tmpfs/tmpfs.h"
#include "fs/vfs/late_init.h"
#include "fs/vfs/path.h"
#include "fs/vfs/vfs_ops.h"

namespace {

LateInit<RefPtr<TmpfsSuperBlock>> g_devtmpfs;

Result<RefPtr<SuperBlock>> devtmpfs_mount(StringView, u64, const char*) {
    return RefPtr<SuperBlock>(g_devtmpfs.get());
}

constinit const FileSystemType g_devtmpfs_type{"devtmpfs", devtmpfs_mount, false};

}  // namespace

const FileSystemType& devtmpfs_type() { return g_devtmpfs_type; }

void devtmpfs_init() {
    // Boot: without a device file system there is no console for init; failure is fatal.
    g_devtmpfs.init(MUST(TmpfsSuperBlock::create("devtmpfs", "mode=0755")));
}

RefPtr<Dentry> devtmpfs_root() { return g_devtmpfs.get()->root_ref(); }

Result<void> devtmpfs_add_node(StringView name, u32 perm, DevId dev) {
    RefPtr<Dentry> dir = devtmpfs_root();
    PathCursor cur(name);
    StringView comp;
    bool slash;
    if (!cur.next(comp, slash)) return Error(EINVAL);
    for (;;) {
        TRY(entry_name_check(comp));
        if (cur.at_end()) break;
        // A parent directory ("pts" of "pts/0"): reuse it or make it.
        auto made = vfs_create_child(*dir, comp, S_IFDIR | 0755, 0, {}, kernel_credentials());
        if (made.is_ok()) {
            dir = made.release_value();
        } else if (made.error_code() == EEXIST) {
            dir = TRY(lookup_child(*dir, comp));
            if (!dir->is_dir()) return Error(ENOTDIR);
        } else {
            return made.error();
        }
        cur.next(comp, slash);
    }
    u32 type = (perm & S_IFMT) ? perm & S_IFMT : S_IFCHR;
    TRY(vfs_create_child(*dir, comp, type | (perm & 07777), dev, {}, kernel_credentials()));
    return {};
}
