// SPDX-License-Identifier: MIT
// What a file mapping maps: a source of pages by index (a file's page cache). Returned pages
// carry one reference for the caller.
#pragma once

#include "lib/ref_ptr.h"
#include "lib/result.h"

class VmObject : public RefCounted<VmObject> {
public:
    virtual ~VmObject() = default;
    // The page at `index` (file offset index * 4096), referenced for the caller; pages past the
    // end of the object read as zeros (SIGBUS policy is the fault handler's).
    virtual Result<PhysAddr> get_page(u64 index) = 0;
    virtual u64 size_bytes() = 0;
    // For /proc/<pid>/maps: device, inode and path of the backing file.
    virtual void describe(u64& dev, u64& ino, char* path, usize path_size) = 0;
};
