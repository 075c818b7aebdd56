// SPDX-License-Identifier: MIT
// sysfs(2) and ustat(2), the old ways to ask about file systems (linux: fs/filesystems.c,
// fs/statfs.c). sysfs numbers the registered types in /proc/filesystems order; ustat reports the
// free blocks and inodes of the mounted file system with a device number.
#include "abi/linux/uapi.h"
#include "fs/vfs/dev.h"
#include "fs/vfs/mount.h"
#include "fs/vfs/stat.h"
#include "fs/vfs/vfs.h"
#include "syscalls/fs_common.h"
#include "syscalls/handlers.h"

namespace {

struct Lookup {
    bool by_name = false;         // option 1: find name
    StringView name;
    u64 index = 0;                // option 2: the index to name
    i64 found = -1;
    const char* found_name = nullptr;
    u64 count = 0;
};

void visit(void* ctx, const FileSystemType& t) {
    auto& l = *static_cast<Lookup*>(ctx);
    if (l.found < 0) {
        if (l.by_name && l.name == StringView(t.name)) l.found = static_cast<i64>(l.count);
        if (!l.by_name && l.index == l.count) {
            l.found = static_cast<i64>(l.count);
            l.found_name = t.name;
        }
    }
    l.count++;
}

// linux: struct ustat (x86_64: unsigned long f_tinode).
struct Ustat {
    i32 f_tfree;
    u64 f_tinode;
    char f_fname[6];
    char f_fpack[6];
};
static_assert(sizeof(Ustat) == 32);

}  // namespace

SyscallResult sys_sysfs(int option, u64 arg1, u64 arg2) {
    Lookup l;
    switch (option) {
    case 1: {
        UserPath name;
        TRY(name.copy(UserCString{arg1}));   // linux: getname(): EFAULT, ENOENT for "", ENAMETOOLONG
        l.by_name = true;
        l.name = name.view();
        filesystem_for_each(visit, &l);
        if (l.found < 0) return Error(EINVAL);
        return l.found;
    }
    case 2: {
        l.index = static_cast<u32>(arg1);   // linux: an unsigned int index
        filesystem_for_each(visit, &l);
        if (l.found < 0) return Error(EINVAL);
        TRY(copy_to_user(arg2, l.found_name, __builtin_strlen(l.found_name) + 1));
        return 0;
    }
    case 3:
        filesystem_for_each(visit, &l);
        return static_cast<i64>(l.count);
    default:
        return Error(EINVAL);
    }
}

SyscallResult sys_ustat(u32 dev, UserPtr<void> ubuf) {
    struct Find {
        DevId dev;
        RefPtr<Mount> mnt;
    } f{dev_decode(dev), nullptr};
    mount_for_each(
        [](void* ctx, Mount& m) {
            auto& want = *static_cast<Find*>(ctx);
            if (!want.mnt && m.sb().dev() == want.dev) want.mnt = RefPtr<Mount>(&m);
        },
        &f);
    if (!f.mnt) return Error(EINVAL);   // linux: user_get_super() found no super block
    struct statfs st;
    fill_statfs(f.mnt->sb(), f.mnt.ptr(), st);
    Ustat u{};
    u.f_tfree = static_cast<i32>(st.f_bfree);
    u.f_tinode = static_cast<u64>(st.f_ffree);
    TRY(copy_to_user(ubuf.addr(), &u, sizeof(u)));
    return 0;
}
