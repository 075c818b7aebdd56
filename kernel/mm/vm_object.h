// SPDX-License-Identifier: MIT
// What a mapping maps: a source of pages by index (a file's page cache, shared anonymous memory).
// Returned pages carry one reference for the caller.
#pragma once

#include "lib/ref_ptr.h"
#include "lib/result.h"

class File;
class PageCache;

class VmObject : public RefCounted<VmObject> {
public:
    virtual ~VmObject() = default;
    // The page at `index` (file offset index * 4096), referenced for the caller. ENXIO past the
    // end of the object (the fault becomes SIGBUS).
    virtual Result<PhysAddr> get_page(u64 index) = 0;
    virtual u64 size_bytes() = 0;
    // For /proc/<pid>/maps: device, inode and path of the backing file.
    virtual void describe(u64& dev, u64& ino, char* path, usize path_size) = 0;
    // The open file that was mapped (its path names the mapping in /proc/<pid>/maps), or null.
    virtual File* file() { return nullptr; }
    // The file pages behind the object (file mappings), or null.
    virtual PageCache* page_cache() { return nullptr; }
    // Whether a shared mapping of it may become writable (Linux's VM_MAYWRITE: the file was
    // opened for writing).
    virtual bool may_write_shared() { return true; }
    // Told when a VMA starts or stops mapping the object (map, split, fork copy; unmap, merge,
    // exit): System V shared memory counts its attaches this way, as Linux's vm_ops open/close.
    // Called with the address space's lock held.
    virtual void vma_opened() {}
    virtual void vma_closed() {}
    // False when the object counts its VMAs: neighbours then never merge (Linux's rule for
    // vm_ops with a close hook), so the count stays what Linux reports.
    virtual bool vmas_mergeable() { return true; }
    // The System V segment id when the object is one (shmdt finds its mappings by it), else -1.
    virtual int sysv_shm_id() { return -1; }
    // Pages the object holds itself (shared anonymous memory), for /proc/sysvipc/shm's rss.
    virtual u64 owned_pages() { return 0; }
};

// describe() for an object without a backing file: no device or inode, a fixed name ("/dev/zero
// (deleted)" for shared anonymous memory, "/[aio] (deleted)" for an AIO ring).
inline void describe_unbacked(const char* name, u64& dev, u64& ino, char* path, usize n) {
    dev = 0;
    ino = 0;
    usize i = 0;
    for (; name[i] && i + 1 < n; i++) path[i] = name[i];
    if (n) path[i] = 0;
}
