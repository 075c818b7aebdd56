// SPDX-License-Identifier: MIT
// What every socket family provides (linux: struct proto_ops): what its File reaches through
// read/write, poll, ioctl and close, and the socket system calls with the caller's sockaddr bytes.
// AF_UNIX takes its calls through its own interface (paths to resolve, descriptors to pass); the
// other families (InetSocket, NetlinkSocket) override the op_* calls, which default to EOPNOTSUPP.
#pragma once

#include "core/wait_queue.h"
#include "fs/vfs/file.h"
#include "lib/ref_ptr.h"
#include "net/unix_types.h"

class Socket : public RefCounted<Socket> {
public:
    virtual ~Socket() = default;
    ARAMID_NOCOPY(Socket);

    int family() const { return m_family; }
    int type() const { return m_type; }

    virtual u32 poll() = 0;
    virtual WaitQueue& wait_queue() = 0;
    // The socket's File is gone (its last reference to the socket goes right after).
    virtual void file_closed() = 0;
    virtual Result<usize> read(const IoBuffer& buf, bool nonblock) = 0;
    virtual Result<usize> write(const IoBuffer& buf, bool nonblock) = 0;
    virtual Result<long> ioctl(unsigned cmd, uptr arg) = 0;

    virtual Result<void> op_bind(const u8*, usize) { return Error(EOPNOTSUPP); }
    virtual Result<void> op_connect(const u8*, usize, bool) { return Error(EOPNOTSUPP); }
    virtual Result<void> op_listen(int) { return Error(EOPNOTSUPP); }
    // The new connection, and in *peer the address accept reports.
    virtual Result<RefPtr<Socket>> op_accept(bool, UnixAddr*) { return Error(EOPNOTSUPP); }
    virtual Result<void> op_shutdown(int) { return Error(EOPNOTSUPP); }
    virtual Result<UnixAddr> op_name(bool peer) = 0;
    // sa: the destination of sendto/sendmsg (null: none).
    virtual Result<usize> op_send(const DataIter& data, const u8* sa, usize salen, u32 flags, bool nonblock) = 0;
    virtual Result<usize> op_recv(const DataIter& data, u32 flags, bool nonblock, RecvInfo& info) = 0;
    virtual Result<void> op_setsockopt(int level, int name, const u8* val, usize len) = 0;
    virtual Result<usize> op_getsockopt(int level, int name, u8* out, usize cap) = 0;

protected:
    Socket(int family, int type) : m_family(family), m_type(type) {}

public:
    const int m_family;
    int m_type;
    u64 m_ino = 0;   // the sockfs inode (/proc/net/*, /proc/<pid>/fd show it)
};
