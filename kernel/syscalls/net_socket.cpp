// SPDX-License-Identifier: MIT
// socket, socketpair, bind, listen, accept, accept4, connect, shutdown, getsockname and
// getpeername (man 2 socket...; linux: net/socket.c, net/unix/af_unix.c, net/ipv4/af_inet.c).
// AF_UNIX, AF_INET, AF_INET6 and AF_NETLINK (NETLINK_ROUTE) exist; other families fail with EAFNOSUPPORT, as on a Linux
// without them.
#include "abi/linux/uapi.h"
#include "core/fd_table.h"
#include "core/log.h"
#include "core/process.h"
#include "net/inet/inet_socket.h"
#include "net/inet/netlink_socket.h"
#include "net/socket_file.h"
#include "syscalls/handlers.h"
#include "syscalls/net_addr.h"

namespace {

u64 nofile_limit_now() { return current_process()->rlimits[RLIMIT_NOFILE].cur; }

// linux: __sys_socket()/__sock_create()/unix_create(): the checks in Linux's order; the type
// with its flags stripped (SOCK_RAW is a datagram socket) or the error.
Result<int> check_socket_args(int family, int type, int protocol, u32& sflags) {
    sflags = static_cast<u32>(type) & ~u32(kSockTypeMask);
    if (sflags & ~u32(O_CLOEXEC | O_NONBLOCK)) return Error(EINVAL);
    type &= kSockTypeMask;
    if (family < 0 || family >= kAfMax) return Error(EAFNOSUPPORT);
    if (type < 0 || type >= kSockMax) return Error(EINVAL);
    // InetSocket::create and NetlinkSocket::create check the rest.
    if (family == kAfInet || family == kAfInet6 || family == kAfNetlink) return type;
    if (family != kAfUnix) return Error(EAFNOSUPPORT);
    if (protocol && protocol != kAfUnix) return Error(EPROTONOSUPPORT);
    switch (type) {
    case kSockStream:
    case kSockDgram:
    case kSockSeqpacket: return type;
    case kSockRaw: return kSockDgram;
    default: return Error(ESOCKTNOSUPPORT);
    }
}

Result<RefPtr<File>> new_other_file(int family, int type, int protocol, bool nonblock) {
    if (family == kAfNetlink) return socket_file_create(TRY(NetlinkSocket::create(type, protocol)), nonblock);
    return socket_file_create(TRY(InetSocket::create(family, type, protocol)), nonblock);
}

Result<RefPtr<File>> new_socket_file(int type, bool nonblock, RefPtr<UnixSocket>* out = nullptr) {
    RefPtr<UnixSocket> s = TRY(UnixSocket::create(type));
    if (out) *out = s;
    return socket_file_create(move_ref(s), nonblock);
}

// The accepted connection gets its File and descriptor; its peer's address goes to uaddr. A
// connection whose File cannot be made is released as a closed one would be.
SyscallResult install_accepted(RefPtr<Socket> conn, const UnixAddr& peer, uptr uaddr, uptr ulen, u64 flags) {
    RefPtr<Socket> keep = conn;
    auto made = socket_file_create(move_ref(conn), flags & O_NONBLOCK);
    if (made.is_error()) {
        keep->file_closed();
        return made.error();
    }
    RefPtr<File> nf = made.release_value();
    if (uaddr) TRY(sockaddr_copy_out(peer, uaddr, ulen));
    return TRY(current_process()->fds->install(move_ref(nf), flags & O_CLOEXEC, 0, nofile_limit_now()));
}

SyscallResult do_accept4(int fd, uptr uaddr, uptr ulen, u64 flags) {
    if (flags & ~u64(O_CLOEXEC | O_NONBLOCK)) return Error(EINVAL);
    RefPtr<File> file;
    Socket* sock = TRY(socket_fd(fd, file));
    bool nonblock = file->flags() & O_NONBLOCK;
    UnixAddr peer;
    UnixSocket* s = unix_socket(sock);
    if (!s) {
        RefPtr<Socket> conn = TRY(sock->op_accept(nonblock, &peer));
        return install_accepted(move_ref(conn), peer, uaddr, ulen, flags);
    }
    RefPtr<UnixSocket> conn = TRY(s->accept(nonblock));
    if (uaddr) {
        auto name = conn->peer_name();
        if (name.is_ok()) peer = name.value();
    }
    return install_accepted(RefPtr<Socket>(conn.ptr()), peer, uaddr, ulen, flags);
}

SyscallResult do_getname(int fd, uptr uaddr, uptr ulen, bool peer) {
    RefPtr<File> file;
    Socket* sock = TRY(socket_fd(fd, file));
    UnixAddr a;
    if (UnixSocket* u = unix_socket(sock)) a = peer ? TRY(u->peer_name()) : u->name();
    else a = TRY(sock->op_name(peer));
    TRY(sockaddr_copy_out(a, uaddr, ulen));
    return 0;
}

}  // namespace

SyscallResult sys_socket(int family, int type, int protocol) {
    u32 sflags;
    int t = TRY(check_socket_args(family, type, protocol, sflags));
    RefPtr<File> f = family == kAfUnix ? TRY(new_socket_file(t, sflags & O_NONBLOCK))
                                       : TRY(new_other_file(family, t, protocol, sflags & O_NONBLOCK));
    return TRY(current_process()->fds->install(move_ref(f), sflags & O_CLOEXEC, 0, nofile_limit_now()));
}

SyscallResult sys_socketpair(int family, int type, int protocol, UserPtr<int> sv) {
    u32 sflags;
    int t = TRY(check_socket_args(family, type, protocol, sflags));
    if (family != kAfUnix) return Error(EOPNOTSUPP);   // linux: inet sockets have no socketpair
    RefPtr<UnixSocket> a, b;
    RefPtr<File> fa = TRY(new_socket_file(t, sflags & O_NONBLOCK, &a));
    RefPtr<File> fb = TRY(new_socket_file(t, sflags & O_NONBLOCK, &b));
    TRY(UnixSocket::pair(*a, *b));
    bool cloexec = sflags & O_CLOEXEC;
    FdTable& table = *current_process()->fds;
    int fd0 = TRY(table.install(move_ref(fa), cloexec, 0, nofile_limit_now()));
    auto fd1 = table.install(move_ref(fb), cloexec, 0, nofile_limit_now());
    if (fd1.is_error()) {
        (void)table.close(fd0);
        return fd1.error();
    }
    int pair[2] = {fd0, fd1.value()};
    if (copy_to_user(sv.addr(), pair, sizeof(pair)).is_error()) {
        (void)table.close(fd0);
        (void)table.close(fd1.value());
        return Error(EFAULT);
    }
    return 0;
}

SyscallResult sys_bind(Fd fd, UserPtr<const void> addr, int addrlen) {
    RefPtr<File> file;
    Socket* sock = TRY(socket_fd(fd, file));
    SockaddrIn in;
    TRY(sockaddr_copy_in(addr.addr(), addrlen, in));
    UnixSocket* s = unix_socket(sock);
    if (!s) {
        TRY(sock->op_bind(in.bytes, static_cast<usize>(in.len)));
        return 0;
    }
    u16 family = 0;
    __builtin_memcpy(&family, in.bytes, sizeof(family));
    // linux: unix_bind(): a bare family asks for an automatic name.
    if (in.len == static_cast<i32>(kSunPathOffset) && family == kAfUnix) {
        TRY(s->autobind());
        return 0;
    }
    UnixAddr a = TRY(unix_addr_from(in));
    TRY(unix_bind_addr(*s, a));
    return 0;
}

SyscallResult sys_listen(Fd fd, int backlog) {
    RefPtr<File> file;
    Socket* sock = TRY(socket_fd(fd, file));
    UnixSocket* s = unix_socket(sock);
    if (!s) {
        TRY(sock->op_listen(backlog));
        return 0;
    }
    if (static_cast<u32>(backlog) > static_cast<u32>(kSomaxconn)) backlog = kSomaxconn;
    TRY(s->listen(backlog));
    return 0;
}

SyscallResult sys_accept(Fd fd, UserPtr<void> addr, UserPtr<int> addrlen) {
    return do_accept4(fd, addr.addr(), addrlen.addr(), 0);
}

SyscallResult sys_accept4(Fd fd, UserPtr<void> addr, UserPtr<int> addrlen, Flags flags) {
    return do_accept4(fd, addr.addr(), addrlen.addr(), flags.value);
}

SyscallResult sys_connect(Fd fd, UserPtr<const void> addr, int addrlen) {
    RefPtr<File> file;
    Socket* sock = TRY(socket_fd(fd, file));
    SockaddrIn in;
    TRY(sockaddr_copy_in(addr.addr(), addrlen, in));
    UnixSocket* s = unix_socket(sock);
    if (!s) {
        TRY(sock->op_connect(in.bytes, static_cast<usize>(in.len), file->flags() & O_NONBLOCK));
        return 0;
    }
    if (s->type() == kSockDgram) {
        // linux: unix_dgram_connect(): AF_UNSPEC dissolves the association.
        if (in.len < 2) return Error(EINVAL);
        u16 family;
        __builtin_memcpy(&family, in.bytes, sizeof(family));
        if (family == kAfUnspec) {
            s->disconnect();
            return 0;
        }
    }
    UnixTarget target;
    RefPtr<Inode> inode;
    TRY(unix_target_from(in, target, inode));
    TRY(s->connect(target, file->flags() & O_NONBLOCK));
    return 0;
}

SyscallResult sys_shutdown(Fd fd, int how) {
    RefPtr<File> file;
    Socket* sock = TRY(socket_fd(fd, file));
    if (UnixSocket* u = unix_socket(sock)) TRY(u->shutdown(how));
    else TRY(sock->op_shutdown(how));
    return 0;
}

SyscallResult sys_getsockname(Fd fd, UserPtr<void> addr, UserPtr<int> addrlen) {
    return do_getname(fd, addr.addr(), addrlen.addr(), false);
}

SyscallResult sys_getpeername(Fd fd, UserPtr<void> addr, UserPtr<int> addrlen) {
    return do_getname(fd, addr.addr(), addrlen.addr(), true);
}
