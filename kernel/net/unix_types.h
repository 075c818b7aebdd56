// SPDX-License-Identifier: MIT
// The values AF_UNIX code passes around: addresses, credentials, a target to connect or send to,
// the descriptors a message carries, the data segments of a call and what a receive reports.
#pragma once

#include "fs/vfs/file.h"
#include "lib/string_view.h"

class UnixSocket;

// linux: sysctl_wmem_default / rmem_default (and the _max values, which setsockopt clamps to).
constexpr u32 kUnixDefaultBuf = 212992;
constexpr usize kSockaddrUnSize = 110;     // sizeof(struct sockaddr_un)
constexpr usize kSunPathOffset = 2;        // offsetof(struct sockaddr_un, sun_path)

// A socket address as getsockname reports it: len bytes of a struct sockaddr_un (family
// included). len 0: unbound (reported as the family alone).
struct UnixAddr {
    u32 len = 0;
    u8 bytes[kSockaddrUnSize] = {};
    bool abstract() const { return len > kSunPathOffset && bytes[kSunPathOffset] == 0; }
    bool same(const UnixAddr& o) const;
};

struct UnixCred {
    u32 pid = 0;
    u32 uid = ~0u;
    u32 gid = ~0u;
    bool operator==(const UnixCred&) const = default;
};

// Where connect/sendto go: a filesystem socket (resolved to its inode) or an abstract name.
struct UnixTarget {
    const Inode* inode = nullptr;
    UnixAddr addr;   // abstract names
};

// Descriptors carried by SCM_RIGHTS (owned references).
class FdList {
public:
    FdList() = default;
    ~FdList() { clear(); }
    ARAMID_NOCOPY(FdList);
    Result<void> reserve(u32 n);   // n empty slots
    void clear();
    void take(FdList& o);          // moves o's files here (this must be empty)
    Result<void> copy_from(const FdList& o);
    u32 size() const { return m_n; }
    RefPtr<File>& operator[](u32 i) { return m_v[i]; }

private:
    RefPtr<File>* m_v = nullptr;
    u32 m_n = 0;
};

// The data of one call: segments of user (or kernel) memory.
struct DataIter {
    const IoBuffer* bufs = nullptr;
    usize count = 0;
    usize total = 0;
    Result<void> gather(usize off, void* dst, usize n) const;         // segments -> dst
    Result<void> scatter(usize off, const void* src, usize n) const;  // src -> segments
};

// What a receive reports besides the byte count.
struct RecvInfo {
    u32 msg_flags = 0;
    UnixAddr from;
    bool has_cred = false;
    UnixCred cred;
    bool has_stamp = false;   // SO_TIMESTAMP: when the message was sent (realtime)
    i64 stamp_sec = 0, stamp_nsec = 0;
    FdList fds;
};
