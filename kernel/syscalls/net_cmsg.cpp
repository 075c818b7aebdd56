// SPDX-License-Identifier: MIT
// SCM_RIGHTS and SCM_CREDENTIALS (see net_cmsg.h).
#include "syscalls/net_cmsg.h"

#include "abi/linux/socket_uapi.h"
#include "abi/linux/uapi.h"
#include "core/fd_table.h"
#include "core/process.h"
#include "net/sock_options.h"

namespace {

bool may_claim(const UnixCred& c) {
    Process* p = current_process();
    const Credentials& cr = p->creds;
    // linux: scm_check_creds(): another pid needs CAP_SYS_ADMIN, other ids CAP_SETUID/CAP_SETGID.
    return (c.pid == static_cast<u32>(p->pid) || cr.has_cap(CAP_SYS_ADMIN)) &&
           (c.uid == cr.uid || c.uid == cr.euid || c.uid == cr.suid || cr.has_cap(CAP_SETUID)) &&
           (c.gid == cr.gid || c.gid == cr.egid || c.gid == cr.sgid || cr.has_cap(CAP_SETGID));
}

// linux: put_cmsg().
void put_cmsg(u8* out, usize cap, usize& used, int type, const void* data, usize len, u32* msg_flags) {
    usize left = cap - used;
    if (left < sizeof(LinuxCmsghdr)) {
        *msg_flags |= kMsgCtrunc;
        return;
    }
    usize cmlen = cmsg_len(len);
    if (left < cmlen) {
        *msg_flags |= kMsgCtrunc;
        cmlen = left;
    }
    LinuxCmsghdr h{cmlen, SOL_SOCKET, type};
    __builtin_memcpy(out + used, &h, sizeof(h));
    __builtin_memcpy(out + used + sizeof(h), data, cmlen - sizeof(h));
    used += min<usize>(cmsg_space(len), left);
}

}  // namespace

Result<void> control_parse(const u8* ctl, usize len, FdList& fds, UnixCred& cred, bool& has_cred) {
    int nums[kScmMaxFd];
    u32 count = 0;
    for (usize off = 0; len - off >= sizeof(LinuxCmsghdr);) {
        LinuxCmsghdr h;
        __builtin_memcpy(&h, ctl + off, sizeof(h));
        if (h.len < sizeof(h) || h.len > len - off) return Error(EINVAL);
        if (h.level == SOL_SOCKET) {
            if (h.type == kScmRights) {
                u64 n = (h.len - sizeof(h)) / sizeof(int);
                if (count + n > kScmMaxFd) return Error(EINVAL);
                __builtin_memcpy(nums + count, ctl + off + sizeof(h), n * sizeof(int));
                count += static_cast<u32>(n);
            } else if (h.type == kScmCredentials) {
                if (h.len != cmsg_len(sizeof(LinuxUcred))) return Error(EINVAL);
                LinuxUcred u;
                __builtin_memcpy(&u, ctl + off + sizeof(h), sizeof(u));
                UnixCred c{u.pid, u.uid, u.gid};
                if (!may_claim(c)) return Error(EPERM);
                cred = c;
                has_cred = true;
            } else {
                return Error(EINVAL);
            }
        }
        off += cmsg_align(h.len);
        if (off > len) break;
    }
    TRY(fds.reserve(count));
    FdTable& table = *current_process()->fds;
    for (u32 i = 0; i < count; i++) fds[i] = TRY(table.get(nums[i]));   // linux: fget_raw (O_PATH too)
    return {};
}

usize control_build(RecvInfo& info, u8* out, usize cap, bool cloexec, u32* msg_flags) {
    usize used = 0;
    // linux: the timestamp comes first (__sock_recv_timestamp before scm_recv).
    if (info.has_stamp) {
        OldTimeval tv{info.stamp_sec, info.stamp_nsec / 1000};
        put_cmsg(out, cap, used, SO_TIMESTAMP_OLD, &tv, sizeof(tv), msg_flags);
    }
    if (info.has_cred) {
        LinuxUcred u{info.cred.pid, info.cred.uid, info.cred.gid};
        put_cmsg(out, cap, used, kScmCredentials, &u, sizeof(u), msg_flags);
    }
    u32 count = info.fds.size();
    if (!count) return used;
    // linux: scm_detach_fds(): as many descriptors as fit, the rest closed, MSG_CTRUNC.
    usize left = cap - used;
    usize fdmax = left > sizeof(LinuxCmsghdr) ? (left - sizeof(LinuxCmsghdr)) / sizeof(int) : 0;
    FdTable& table = *current_process()->fds;
    u64 limit = current_process()->rlimits[RLIMIT_NOFILE].cur;
    u32 i = 0;
    for (; i < fdmax && i < count; i++) {
        auto fd = table.install(info.fds[i], cloexec, 0, limit);
        if (fd.is_error()) break;
        int v = fd.value();
        __builtin_memcpy(out + used + sizeof(LinuxCmsghdr) + i * sizeof(int), &v, sizeof(v));
    }
    if (i > 0) {
        LinuxCmsghdr h{cmsg_len(i * sizeof(int)), SOL_SOCKET, kScmRights};
        __builtin_memcpy(out + used, &h, sizeof(h));
        used += min<usize>(cmsg_space(i * sizeof(int)), left);
    }
    if (i < count) *msg_flags |= kMsgCtrunc;
    info.fds.clear();
    return used;
}
