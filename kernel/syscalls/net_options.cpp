// SPDX-License-Identifier: MIT
// setsockopt and getsockopt (man 2 getsockopt, man 7 socket; linux: net/socket.c
// __sys_setsockopt/__sys_getsockopt). AF_UNIX has no options of its own (any level other than
// SOL_SOCKET is EOPNOTSUPP); the other families handle every level themselves.
#include "abi/linux/socket_uapi.h"
#include "abi/linux/uapi.h"
#include "syscalls/handlers.h"
#include "syscalls/net_addr.h"

SyscallResult sys_setsockopt(Fd fd, int level, int name, UserPtr<const void> val, int len) {
    if (len < 0) return Error(EINVAL);
    RefPtr<File> file;
    Socket* sock = TRY(socket_fd(fd, file));
    u8 buf[16] = {};
    usize n = min<usize>(static_cast<usize>(len), sizeof(buf));
    UnixSocket* s = unix_socket(sock);
    if (!s) {
        if (n) TRY(copy_from_user(buf, val.addr(), n));
        TRY(sock->op_setsockopt(level, name, buf, n));
        return 0;
    }
    if (level != SOL_SOCKET) return Error(EOPNOTSUPP);
    if (n >= sizeof(int)) TRY(copy_from_user(buf, val.addr(), n));
    TRY(s->setsockopt(name, buf, static_cast<usize>(len) < sizeof(buf) ? static_cast<usize>(len) : sizeof(buf)));
    return 0;
}

SyscallResult sys_getsockopt(Fd fd, int level, int name, UserPtr<void> val, UserPtr<int> ulen) {
    RefPtr<File> file;
    Socket* sock = TRY(socket_fd(fd, file));
    UnixSocket* u = unix_socket(sock);
    if (u && level != SOL_SOCKET) return Error(EOPNOTSUPP);
    int len;
    TRY(copy_from_user(&len, ulen.addr(), sizeof(len)));
    if (len < 0) return Error(EINVAL);
    u8 buf[16];
    usize natural = u ? TRY(u->getsockopt(name, buf, sizeof(buf))) : TRY(sock->op_getsockopt(level, name, buf, sizeof(buf)));
    usize n = min<usize>(static_cast<usize>(len), natural);
    if (n) TRY(copy_to_user(val.addr(), buf, n));
    int out = static_cast<int>(n);
    TRY(copy_to_user(ulen.addr(), &out, sizeof(out)));
    return 0;
}
