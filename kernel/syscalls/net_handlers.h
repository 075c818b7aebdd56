// SPDX-License-Identifier: MIT
// Sockets: declarations of the handlers in syscalls/net_socket.cpp, net_options.cpp and
// net_msg.cpp. Included at the end of syscalls/handlers.h.
#pragma once

#include "syscalls/types.h"

// syscalls/net_socket.cpp
SyscallResult sys_socket(int family, int type, int protocol);
SyscallResult sys_socketpair(int family, int type, int protocol, UserPtr<int> sv);
SyscallResult sys_bind(Fd fd, UserPtr<const void> addr, int addrlen);
SyscallResult sys_listen(Fd fd, int backlog);
SyscallResult sys_accept(Fd fd, UserPtr<void> addr, UserPtr<int> addrlen);
SyscallResult sys_accept4(Fd fd, UserPtr<void> addr, UserPtr<int> addrlen, Flags flags);
SyscallResult sys_connect(Fd fd, UserPtr<const void> addr, int addrlen);
SyscallResult sys_shutdown(Fd fd, int how);
SyscallResult sys_getsockname(Fd fd, UserPtr<void> addr, UserPtr<int> addrlen);
SyscallResult sys_getpeername(Fd fd, UserPtr<void> addr, UserPtr<int> addrlen);

// syscalls/net_options.cpp
SyscallResult sys_setsockopt(Fd fd, int level, int name, UserPtr<const void> val, int len);
SyscallResult sys_getsockopt(Fd fd, int level, int name, UserPtr<void> val, UserPtr<int> len);

// syscalls/net_msg.cpp
SyscallResult sys_sendto(Fd fd, UserPtr<const void> buf, usize len, Flags flags, UserPtr<const void> addr,
                         int addrlen);
SyscallResult sys_recvfrom(Fd fd, UserPtr<void> buf, usize len, Flags flags, UserPtr<void> addr,
                           UserPtr<int> addrlen);
SyscallResult sys_sendmsg(Fd fd, UserPtr<const void> msg, Flags flags);
SyscallResult sys_recvmsg(Fd fd, UserPtr<void> msg, Flags flags);
SyscallResult sys_sendmmsg(Fd fd, UserPtr<void> msgs, u32 vlen, Flags flags);
SyscallResult sys_recvmmsg(Fd fd, UserPtr<void> msgs, u32 vlen, Flags flags, UserPtr<void> timeout);
