// SPDX-License-Identifier: MIT
#include "core/credentials.h"

#include "abi/linux/uapi.h"

bool permission_allows(const Credentials& c, u32 mode, u32 uid, u32 gid, int mask) {
    if (c.is_root()) {
        // Root may read and write anything; it may execute only when some x bit is set (or for
        // directories, search always).
        if (!(mask & kMayExec) || S_ISDIR(mode) || (mode & (S_IXUSR | S_IXGRP | S_IXOTH))) return true;
        return false;
    }
    u32 bits;
    if (c.fsuid == uid) bits = (mode >> 6) & 7;
    else if (c.in_group(gid)) bits = (mode >> 3) & 7;
    else bits = mode & 7;
    return (bits & static_cast<u32>(mask)) == static_cast<u32>(mask);
}
