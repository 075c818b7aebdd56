// SPDX-License-Identifier: MIT
// Socket addresses and socket descriptors for the socket system calls (see net_addr.h).
#include "syscalls/net_addr.h"

#include "abi/linux/uapi.h"
#include "core/fd_table.h"
#include "core/process.h"
#include "fs/vfs/permission.h"
#include "fs/vfs/vfs_ops.h"
#include "net/socket_file.h"
#include "syscalls/fs_common.h"
#include "syscalls/fs_util.h"

namespace {

StringView path_of(const UnixAddr& a) {
    return StringView(reinterpret_cast<const char*>(a.bytes + kSunPathOffset), a.len - kSunPathOffset - 1);
}

}  // namespace

Result<Socket*> socket_fd(int fd, RefPtr<File>& file) {
    file = TRY(fd_file(fd));
    Socket* s = socket_of(*file);
    if (!s) return Error(ENOTSOCK);
    return s;
}

Result<void> sockaddr_copy_in(uptr uaddr, i64 len, SockaddrIn& out) {
    if (len < 0 || len > 128) return Error(EINVAL);
    out.len = static_cast<i32>(len);
    if (len) TRY(copy_from_user(out.bytes, uaddr, static_cast<usize>(len)));
    return {};
}

Result<void> sockaddr_copy_out(const UnixAddr& addr, uptr uaddr, uptr ulen) {
    int len;
    TRY(copy_from_user(&len, ulen, sizeof(len)));
    if (len > static_cast<int>(addr.len)) len = static_cast<int>(addr.len);
    if (len < 0) return Error(EINVAL);
    if (len) TRY(copy_to_user(uaddr, addr.bytes, static_cast<usize>(len)));
    int full = static_cast<int>(addr.len);
    return copy_to_user(ulen, &full, sizeof(full));
}

Result<UnixAddr> unix_addr_from(SockaddrIn& in) {
    if (in.len <= static_cast<i32>(kSunPathOffset) || in.len > static_cast<i32>(kSockaddrUnSize)) return Error(EINVAL);
    u16 family;
    __builtin_memcpy(&family, in.bytes, sizeof(family));
    if (family != kAfUnix) return Error(EINVAL);
    UnixAddr a;
    if (in.bytes[kSunPathOffset]) {
        // linux: unix_mkname_bsd(): the path ends at its NUL or at the end of the address.
        in.bytes[in.len] = 0;
        usize n = 0;
        while (in.bytes[kSunPathOffset + n]) n++;
        a.len = static_cast<u32>(kSunPathOffset + n + 1);
    } else {
        a.len = static_cast<u32>(in.len);
    }
    __builtin_memcpy(a.bytes, in.bytes, a.len);
    return a;
}

Result<void> unix_target_from(SockaddrIn& in, UnixTarget& target, RefPtr<Inode>& inode) {
    target.addr = TRY(unix_addr_from(in));
    target.inode = nullptr;
    if (target.addr.abstract()) return {};
    StringView path = path_of(target.addr);
    Path base = TRY(dirfd_base(AT_FDCWD, path));
    Path p = TRY(resolve(walk_context(base), path, kWalkFollow));
    TRY(inode_permission(current_creds(), *p.inode(), kMayWrite));
    if ((p.inode()->mode() & S_IFMT) != S_IFSOCK) return Error(ECONNREFUSED);
    inode = RefPtr<Inode>(p.inode());
    target.inode = inode.ptr();
    return {};
}

Result<void> unix_bind_addr(UnixSocket& sock, const UnixAddr& addr) {
    if (addr.abstract()) return sock.bind_abstract(addr);
    StringView path = path_of(addr);
    Path base = TRY(dirfd_base(AT_FDCWD, path));
    WalkContext ctx = walk_context(base);
    u32 mode = S_IFSOCK | (0777 & ~current_process()->fs->umask);
    auto made = vfs_mknod(ctx, path, mode, 0);
    if (made.is_error()) return Error(made.error().code == EEXIST ? EADDRINUSE : made.error().code);
    auto bound = [&]() -> Result<void> {
        Path p = TRY(resolve(ctx, path, 0));
        return sock.bind_inode(RefPtr<Inode>(p.inode()), addr);
    }();
    if (bound.is_error()) (void)vfs_unlink(ctx, path);   // linux: the node made for a failed bind goes
    return bound;
}
