// SPDX-License-Identifier: MIT
// Socket addresses between user space and the AF_UNIX code (linux: move_addr_to_kernel,
// move_addr_to_user, unix_validate_addr, unix_mkname_bsd, unix_find_bsd, unix_bind_bsd), and the
// descriptor lookup every socket call starts with.
#pragma once

#include "net/unix_socket.h"
#include "syscalls/types.h"

// A sockaddr as the caller passed it (at most sizeof(struct sockaddr_storage) bytes).
struct SockaddrIn {
    u8 bytes[128 + 1] = {};   // one more: a full-length sun_path still gets its NUL
    i32 len = 0;
};

// linux: sockfd_lookup(): EBADF, ENOTSOCK. The file's reference comes back in *file.
Result<Socket*> socket_fd(int fd, RefPtr<File>& file);
// move_addr_to_kernel(): EINVAL for a length outside [0, 128], EFAULT.
Result<void> sockaddr_copy_in(uptr uaddr, i64 len, SockaddrIn& out);
// move_addr_to_user(): copies min(*ulen, addr.len) bytes and stores addr.len in *ulen.
Result<void> sockaddr_copy_out(const UnixAddr& addr, uptr uaddr, uptr ulen);
// unix_validate_addr() and the name it makes: the address a filesystem or abstract name binds.
Result<UnixAddr> unix_addr_from(SockaddrIn& in);
// Where a connect/sendto address leads (the path resolved, EACCES without write permission,
// ECONNREFUSED for a file that is not a socket). *target keeps the inode referenced in *inode.
Result<void> unix_target_from(SockaddrIn& in, UnixTarget& target, RefPtr<Inode>& inode);
// bind(2) of a validated address on sock (autobind for a bare family is the caller's).
Result<void> unix_bind_addr(UnixSocket& sock, const UnixAddr& addr);
