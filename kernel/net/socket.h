// SPDX-License-Identifier: MIT
// What every socket family provides to its File (linux: struct proto_ops, the part reached
// through read/write, poll, ioctl and close). The socket system calls look at family() and call
// the family's own interface (UnixSocket, InetSocket).
#pragma once

#include "core/wait_queue.h"
#include "fs/vfs/file.h"
#include "lib/ref_ptr.h"

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

protected:
    Socket(int family, int type) : m_family(family), m_type(type) {}

public:
    const int m_family;
    int m_type;
};
