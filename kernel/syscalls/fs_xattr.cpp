// SPDX-License-Identifier: MIT
// Extended attributes: setxattr, lsetxattr, fsetxattr, getxattr, lgetxattr, fgetxattr,
// listxattr, llistxattr, flistxattr, removexattr, lremovexattr, fremovexattr. linux:
// fs/xattr.c: the target first (path or descriptor, O_PATH refused), then the flags, the name
// (1..255 bytes, else ERANGE) and the value (at most 64 KiB, else E2BIG).
#include "abi/linux/uapi.h"
#include "fs/vfs/vfs_xattr.h"
#include "mm/kheap.h"
#include "syscalls/fs_common.h"
#include "syscalls/handlers.h"

namespace {

struct XattrName {
    char buf[XATTR_NAME_MAX + 1];
    usize len = 0;
    StringView view() const { return StringView(buf, len); }
};

Result<void> copy_name(XattrName& n, UserCString name) {
    auto r = copy_string_from_user(n.buf, sizeof n.buf, name.addr);
    if (r.is_error()) return r.error_code() == ENAMETOOLONG ? Error(ERANGE) : r.error();
    n.len = r.value();
    if (n.len == 0) return Error(ERANGE);
    return {};
}

// A kernel buffer freed at scope end.
struct Bounce {
    char* p = nullptr;
    ~Bounce() { kfree(p); }
    Result<void> alloc(usize n) {
        if (!n) return {};
        p = static_cast<char*>(kmalloc(n));
        if (!p) return Error(ENOMEM);
        return {};
    }
};

Result<AtTarget> target(UserCString path, bool follow) {
    UserPath p;
    TRY(p.copy(path));
    return resolve_at(AT_FDCWD, p.view(), false, follow);
}

Result<AtTarget> target_fd(Fd fd) {
    AtTarget t;
    t.file = TRY(fd_file(fd));
    return t;
}

SyscallResult do_set(const AtTarget& t, UserCString uname, UserPtr<const void> value, usize size, int flags) {
    if (flags & ~(XATTR_CREATE | XATTR_REPLACE)) return Error(EINVAL);
    XattrName name;
    TRY(copy_name(name, uname));
    if (size > XATTR_SIZE_MAX) return Error(E2BIG);
    Bounce b;
    TRY(b.alloc(size));
    if (size) TRY(copy_from_user(b.p, value.addr(), size));
    TRY(vfs_setxattr(current_creds(), t.inode(), t.mount(), name.view(), b.p, size, flags, t.dentry()));
    return 0;
}

SyscallResult do_get(const AtTarget& t, UserCString uname, UserPtr<void> value, usize size) {
    XattrName name;
    TRY(copy_name(name, uname));
    if (size > XATTR_SIZE_MAX) size = XATTR_SIZE_MAX;
    Bounce b;
    TRY(b.alloc(size));
    auto r = vfs_getxattr(current_creds(), t.inode(), name.view(), b.p, size);
    if (r.is_error()) return r.error_code() == ERANGE && size >= XATTR_SIZE_MAX ? Error(E2BIG) : r.error();
    if (size && r.value()) TRY(copy_to_user(value.addr(), b.p, r.value()));
    return static_cast<i64>(r.value());
}

SyscallResult do_list(const AtTarget& t, UserPtr<char> list, usize size) {
    if (size > XATTR_LIST_MAX) size = XATTR_LIST_MAX;
    Bounce b;
    TRY(b.alloc(size));
    auto r = vfs_listxattr(current_creds(), t.inode(), b.p, size);
    if (r.is_error()) return r.error_code() == ERANGE && size >= XATTR_LIST_MAX ? Error(E2BIG) : r.error();
    if (size && r.value()) TRY(copy_to_user(list.addr(), b.p, r.value()));
    return static_cast<i64>(r.value());
}

SyscallResult do_remove(const AtTarget& t, UserCString uname) {
    XattrName name;
    TRY(copy_name(name, uname));
    TRY(vfs_removexattr(current_creds(), t.inode(), t.mount(), name.view(), t.dentry()));
    return 0;
}

}  // namespace

SyscallResult sys_setxattr(UserCString path, UserCString name, UserPtr<const void> value, usize size, int flags) {
    return do_set(TRY(target(path, true)), name, value, size, flags);
}
SyscallResult sys_lsetxattr(UserCString path, UserCString name, UserPtr<const void> value, usize size, int flags) {
    return do_set(TRY(target(path, false)), name, value, size, flags);
}
SyscallResult sys_fsetxattr(Fd fd, UserCString name, UserPtr<const void> value, usize size, int flags) {
    return do_set(TRY(target_fd(fd)), name, value, size, flags);
}

SyscallResult sys_getxattr(UserCString path, UserCString name, UserPtr<void> value, usize size) {
    return do_get(TRY(target(path, true)), name, value, size);
}
SyscallResult sys_lgetxattr(UserCString path, UserCString name, UserPtr<void> value, usize size) {
    return do_get(TRY(target(path, false)), name, value, size);
}
SyscallResult sys_fgetxattr(Fd fd, UserCString name, UserPtr<void> value, usize size) {
    return do_get(TRY(target_fd(fd)), name, value, size);
}

SyscallResult sys_listxattr(UserCString path, UserPtr<char> list, usize size) {
    return do_list(TRY(target(path, true)), list, size);
}
SyscallResult sys_llistxattr(UserCString path, UserPtr<char> list, usize size) {
    return do_list(TRY(target(path, false)), list, size);
}
SyscallResult sys_flistxattr(Fd fd, UserPtr<char> list, usize size) { return do_list(TRY(target_fd(fd)), list, size); }

SyscallResult sys_removexattr(UserCString path, UserCString name) {
    return do_remove(TRY(target(path, true)), name);
}
SyscallResult sys_lremovexattr(UserCString path, UserCString name) {
    return do_remove(TRY(target(path, false)), name);
}
SyscallResult sys_fremovexattr(Fd fd, UserCString name) { return do_remove(TRY(target_fd(fd)), name); }
