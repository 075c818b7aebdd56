// SPDX-License-Identifier: MIT
// The socket parts of Linux's UAPI (SO_* options, sockaddr_un, SIOC* ioctls), plus the rest of the
// socket ABI (socket_abi.h).
#pragma once

#pragma push_macro("__GLIBC__")
#undef __GLIBC__
#include <asm/socket.h>     // SOL_SOCKET, SO_* (setsockopt/getsockopt)
#include <linux/un.h>       // struct sockaddr_un, UNIX_PATH_MAX
#include <linux/sockios.h>  // SIOCINQ, SIOCOUTQ
#pragma pop_macro("__GLIBC__")

#include "abi/linux/socket_abi.h"

static_assert(sizeof(sockaddr_un) == 110);
static_assert(offsetof(sockaddr_un, sun_path) == 2);
