// SPDX-License-Identifier: MIT
// How the ext2 core reaches its device: the kernel's block device, or an image file in the host
// tests.
#pragma once

#include "lib/result.h"

class Ext2Io {
public:
    // Byte offsets and lengths are multiples of 512.
    virtual Result<void> read(u64 offset, void* buf, usize len) = 0;
    virtual Result<void> write(u64 offset, const void* buf, usize len) = 0;
    virtual u64 size_bytes() = 0;
    // One log line: "ext2: <msg> <value>".
    virtual void log(const char* msg, u64 value) = 0;
    // The wall clock (seconds, nanoseconds), for dtime and the superblock's times.
    virtual void now(i64& sec, u32& nsec) = 0;

protected:
    ~Ext2Io() = default;
};
