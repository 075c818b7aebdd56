// SPDX-License-Identifier: MIT
// Ancillary data of sendmsg/recvmsg on AF_UNIX sockets (man 3 cmsg, man 7 unix): SCM_RIGHTS and
// SCM_CREDENTIALS in, and out with Linux's truncation rules (linux: net/core/scm.c).
#pragma once

#include "net/unix_types.h"

constexpr usize kMaxControl = 20480;   // linux: net.core.optmem_max (larger control data: ENOBUFS)

// linux: __scm_send(): walks the cmsghdrs of ctl[0, len). EINVAL for a malformed header, an
// unknown SOL_SOCKET type, more than SCM_MAX_FD descriptors or a bad credentials length; EBADF
// for a closed descriptor; EPERM for credentials the caller may not claim.
Result<void> control_parse(const u8* ctl, usize len, FdList& fds, UnixCred& cred, bool& has_cred);

// Writes what recvmsg returns besides data into out[0, cap): SCM_CREDENTIALS (when info has
// them), then SCM_RIGHTS with the descriptors installed (O_CLOEXEC with cloexec). Sets
// MSG_CTRUNC in *msg_flags when something did not fit. Returns the bytes used.
usize control_build(RecvInfo& info, u8* out, usize cap, bool cloexec, u32* msg_flags);
