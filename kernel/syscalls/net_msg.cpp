// SPDX-License-Identifier: MIT
// sendto, recvfrom, sendmsg, recvmsg, sendmmsg and recvmmsg (man 2 send, man 2 recv; linux:
// net/socket.c ___sys_sendmsg/___sys_recvmsg): struct msghdr in and out, the iovec, the
// address and the ancillary data around a UnixSocket or InetSocket send or receive.
#include "abi/linux/uapi.h"
#include "core/time.h"
#include "mm/kheap.h"
#include "syscalls/fs_iov.h"
#include "syscalls/handlers.h"
#include "syscalls/net_addr.h"
#include "syscalls/net_cmsg.h"

namespace {

// The iovec of a message as IoBuffers.
class MsgData {
public:
    ~MsgData() {
        if (m_bufs != reinterpret_cast<IoBuffer*>(m_inline)) kfree(m_bufs);
    }
    Result<void> import(uptr iov, u64 count) {
        if (count > kIovMax) return Error(EMSGSIZE);
        TRY(m_vec.import(iov, count));
        if (count > kInline) {
            m_bufs = static_cast<IoBuffer*>(kmalloc(sizeof(IoBuffer) * count));
            if (!m_bufs) return Error(ENOMEM);
        }
        for (usize i = 0; i < count; i++) new (&m_bufs[i]) IoBuffer(IoBuffer::user(m_vec[i].base, m_vec[i].len));
        m_iter = DataIter{m_bufs, count, m_vec.total()};
        return {};
    }
    void single(uptr buf, usize len) {
        new (&m_bufs[0]) IoBuffer(IoBuffer::user(buf, min<usize>(len, 0x7ffff000)));
        m_iter = DataIter{m_bufs, 1, m_bufs[0].size()};
    }
    const DataIter& iter() const { return m_iter; }

private:
    static constexpr usize kInline = 8;
    IoVector m_vec;
    alignas(IoBuffer) u8 m_inline[sizeof(IoBuffer) * kInline];
    IoBuffer* m_bufs = reinterpret_cast<IoBuffer*>(m_inline);
    DataIter m_iter;
};

// The address of a send, resolved (null when none was given).
struct SendDest {
    UnixTarget target;
    RefPtr<Inode> inode;
    bool given = false;
};

Result<void> dest_from(uptr uaddr, i64 len, SendDest& d) {
    if (!uaddr || !len) return {};
    SockaddrIn in;
    TRY(sockaddr_copy_in(uaddr, len, in));
    d.given = true;
    return unix_target_from(in, d.target, d.inode);
}

SyscallResult send_common(UnixSocket& s, File& f, const DataIter& data, SendDest& dest, FdList& fds,
                          const UnixCred* cred, u32 flags) {
    usize n = TRY(s.send(data, dest.given ? &dest.target : nullptr, fds, cred, flags, f.flags() & O_NONBLOCK));
    return static_cast<i64>(n);
}

SyscallResult other_send(Socket& s, File& f, const DataIter& data, uptr uaddr, i64 len, u32 flags) {
    SockaddrIn in;
    if (uaddr && len) TRY(sockaddr_copy_in(uaddr, len, in));
    usize n = TRY(s.op_send(data, in.len ? in.bytes : nullptr, static_cast<usize>(in.len), flags, f.flags() & O_NONBLOCK));
    return static_cast<i64>(n);
}

SyscallResult do_sendmsg(int fd, uptr umsg, u32 flags) {
    RefPtr<File> file;
    Socket* sock = TRY(socket_fd(fd, file));
    LinuxMsghdr m;
    TRY(copy_from_user(&m, umsg, sizeof(m)));
    if (m.namelen < 0) return Error(EINVAL);
    i64 namelen = min<i64>(m.namelen, 128);
    MsgData data;
    TRY(data.import(m.iov, m.iovlen));
    // LINUX-DIVERGENCE: other families take no ancillary data (IP_PKTINFO, IP_TTL...); it is ignored.
    UnixSocket* s = unix_socket(sock);
    if (!s) return other_send(*sock, *file, data.iter(), m.name, namelen, flags);
    if (m.controllen > 0x7fffffff || m.controllen > kMaxControl) return Error(ENOBUFS);
    FdList fds;
    UnixCred cred;
    bool has_cred = false;
    if (m.controllen) {
        u8* ctl = static_cast<u8*>(kmalloc(m.controllen));
        if (!ctl) return Error(ENOMEM);
        auto r = copy_from_user(ctl, m.control, m.controllen);
        auto parsed = r.is_error() ? Result<void>(r.error()) : control_parse(ctl, m.controllen, fds, cred, has_cred);
        kfree(ctl);
        TRY(parsed);
    }
    SendDest dest;
    if (s->type() == kSockStream && m.name && namelen) dest.given = true;   // EISCONN/EOPNOTSUPP
    else TRY(dest_from(m.name, namelen, dest));
    return send_common(*s, *file, data.iter(), dest, fds, has_cred ? &cred : nullptr, flags);
}

SyscallResult do_recvmsg(int fd, uptr umsg, u32 flags) {
    RefPtr<File> file;
    Socket* sock = TRY(socket_fd(fd, file));
    LinuxMsghdr m;
    TRY(copy_from_user(&m, umsg, sizeof(m)));
    if (m.namelen < 0) return Error(EINVAL);
    MsgData data;
    TRY(data.import(m.iov, m.iovlen));
    RecvInfo info;
    bool nonblock = file->flags() & O_NONBLOCK;
    UnixSocket* u = unix_socket(sock);
    usize n = u ? TRY(u->recv(data.iter(), flags & ~kMsgCmsgCloexec, nonblock, info))
                : TRY(sock->op_recv(data.iter(), flags & ~kMsgCmsgCloexec, nonblock, info));
    if (m.name) TRY(sockaddr_copy_out(info.from, m.name, umsg + offsetof(LinuxMsghdr, namelen)));
    usize cap = min<usize>(m.controllen, kMaxControl);
    u64 used = 0;
    if (info.has_cred || info.has_stamp || info.fds.size()) {
        u8* out = cap ? static_cast<u8*>(kzalloc(cap)) : nullptr;
        if (cap && !out) return Error(ENOMEM);
        if (!m.control) cap = 0;
        used = control_build(info, out, cap, flags & kMsgCmsgCloexec, &info.msg_flags);
        auto r = used ? copy_to_user(m.control, out, used) : Result<void>{};
        kfree(out);
        TRY(r);
    }
    TRY(copy_to_user(umsg + offsetof(LinuxMsghdr, controllen), &used, sizeof(used)));
    TRY(copy_to_user(umsg + offsetof(LinuxMsghdr, flags), &info.msg_flags, sizeof(info.msg_flags)));
    return static_cast<i64>(n);
}

}  // namespace

SyscallResult sys_sendto(Fd fd, UserPtr<const void> buf, usize len, Flags flags, UserPtr<const void> addr,
                         int addrlen) {
    RefPtr<File> file;
    Socket* sock = TRY(socket_fd(fd, file));
    MsgData data;
    data.single(buf.addr(), len);
    UnixSocket* s = unix_socket(sock);
    if (!s) return other_send(*sock, *file, data.iter(), addr.addr(), addrlen, static_cast<u32>(flags.value));
    SendDest dest;
    if (addr.addr()) {
        if (s->type() == kSockStream) {
            SockaddrIn in;
            TRY(sockaddr_copy_in(addr.addr(), addrlen, in));
            dest.given = in.len != 0;
        } else {
            TRY(dest_from(addr.addr(), addrlen, dest));
        }
    }
    FdList none;
    return send_common(*s, *file, data.iter(), dest, none, nullptr, static_cast<u32>(flags.value));
}

SyscallResult sys_recvfrom(Fd fd, UserPtr<void> buf, usize len, Flags flags, UserPtr<void> addr,
                           UserPtr<int> addrlen) {
    RefPtr<File> file;
    Socket* sock = TRY(socket_fd(fd, file));
    MsgData data;
    data.single(buf.addr(), len);
    RecvInfo info;
    u32 fl = static_cast<u32>(flags.value);
    bool nonblock = file->flags() & O_NONBLOCK;
    UnixSocket* u = unix_socket(sock);
    usize n = u ? TRY(u->recv(data.iter(), fl, nonblock, info)) : TRY(sock->op_recv(data.iter(), fl, nonblock, info));
    if (addr.addr()) TRY(sockaddr_copy_out(info.from, addr.addr(), addrlen.addr()));
    return static_cast<i64>(n);
}

SyscallResult sys_sendmsg(Fd fd, UserPtr<const void> msg, Flags flags) {
    return do_sendmsg(fd, msg.addr(), static_cast<u32>(flags.value));
}

SyscallResult sys_recvmsg(Fd fd, UserPtr<void> msg, Flags flags) {
    return do_recvmsg(fd, msg.addr(), static_cast<u32>(flags.value));
}

SyscallResult sys_sendmmsg(Fd fd, UserPtr<void> msgs, u32 vlen, Flags flags) {
    if (vlen > kIovMax) vlen = kIovMax;
    u32 done = 0;
    for (; done < vlen; done++) {
        uptr entry = msgs.addr() + done * sizeof(LinuxMmsghdr);
        auto r = do_sendmsg(fd, entry, static_cast<u32>(flags.value));
        if (r.is_error()) {
            if (done) break;
            return r;
        }
        u32 sent = static_cast<u32>(r.value());
        if (copy_to_user(entry + offsetof(LinuxMmsghdr, len), &sent, sizeof(sent)).is_error()) break;
    }
    return done;
}

SyscallResult sys_recvmmsg(Fd fd, UserPtr<void> msgs, u32 vlen, Flags flags, UserPtr<void> timeout) {
    // linux: do_recvmmsg(): the timeout is only looked at between datagrams (a receive that
    // blocks is not cut short); the time left is written back.
    u64 end = 0;
    if (timeout.addr()) {
        Timespec ts;
        TRY(copy_from_user(&ts, timeout.addr(), sizeof(ts)));
        if (ts.sec < 0 || ts.nsec < 0 || ts.nsec >= 1000000000) return Error(EINVAL);
        end = monotonic_ns() + static_cast<u64>(ts.sec) * 1000000000 + static_cast<u64>(ts.nsec);
    }
    u32 fl = static_cast<u32>(flags.value);
    u32 done = 0;
    while (done < vlen) {
        uptr entry = msgs.addr() + done * sizeof(LinuxMmsghdr);
        auto r = do_recvmsg(fd, entry, fl & ~kMsgWaitforone);
        if (r.is_error()) {
            if (done) break;
            return r;
        }
        u32 got = static_cast<u32>(r.value());
        TRY(copy_to_user(entry + offsetof(LinuxMmsghdr, len), &got, sizeof(got)));
        done++;
        if (fl & kMsgWaitforone) fl |= kMsgDontwait;
        if (timeout.addr()) {
            u64 now = monotonic_ns();
            u64 left = now < end ? end - now : 0;
            Timespec rem{static_cast<i64>(left / 1000000000), static_cast<i64>(left % 1000000000)};
            TRY(copy_to_user(timeout.addr(), &rem, sizeof(rem)));
            if (!left) break;
        }
    }
    return done;
}
