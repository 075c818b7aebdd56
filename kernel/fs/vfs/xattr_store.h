// SPDX-License-Identifier: MIT
// Extended attributes kept in memory with the inode (linux: fs/xattr.c simple_xattr_*), for
// file systems without a disk (tmpfs). The owner's inode mutex guards it; the VFS
// (vfs_xattr.cpp) has checked names, sizes and permissions.
#pragma once

#include "lib/result.h"
#include "lib/string_view.h"

class XattrStore {
public:
    XattrStore() = default;
    ~XattrStore();
    ARAMID_NOCOPY(XattrStore);

    // The value's length; with size > 0 the value is copied into buf (ERANGE when it does not
    // fit). ENODATA when there is no such attribute.
    Result<usize> get(StringView name, void* buf, usize size) const;
    // flags: XATTR_CREATE (EEXIST if present), XATTR_REPLACE (ENODATA if absent).
    Result<void> set(StringView name, const void* value, usize size, int flags);
    Result<void> remove(StringView name);   // ENODATA if absent
    // The NUL-terminated names keep() accepts, into buf; with size 0 only the length needed.
    // ERANGE when size > 0 is too small.
    Result<usize> list(char* buf, usize size, bool (*keep)(StringView name, const void* ctx), const void* ctx) const;

private:
    struct Entry {
        Entry* next;
        u32 name_len;
        u32 value_len;
        char data[];   // the name, then the value
        StringView name() const { return StringView(data, name_len); }
    };
    Entry** find(StringView name) const;
    Entry* m_head = nullptr;
};
