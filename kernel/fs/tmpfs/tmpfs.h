// SPDX-License-Identifier: MIT
// tmpfs: the in-memory file system of "/" and /dev. Regular files keep their data in a PageCache
// (sparse: holes read as zeros), directories an ordered entry list with stable getdents cookies
// and a hash index, symlinks their target; device nodes, FIFOs and sockets are plain inodes whose
// open() the VFS routes to the device registry. Memory comes back when a file is truncated or
// its last link and last user go. Options (mount data): size=N[k|m|g|%], nr_inodes=N, mode=OCT,
// uid=N, gid=N; by default half of RAM and as many inodes.
#pragma once

#include "mm/page_tree.h"
#include "fs/vfs/inode.h"

class TmpfsSuperBlock final : public SuperBlock {
public:
    // A new instance. fs_name: "tmpfs" or "devtmpfs" (what /proc/mounts shows).
    static Result<RefPtr<TmpfsSuperBlock>> create(const char* fs_name, const char* options);
    ~TmpfsSuperBlock() override;

    void statfs(FsStats& out) override;
    // linux: shmem_encode_fh(): generation, then the 64-bit inode number in two words.
    // LINUX-DIVERGENCE: the generation is always 0 (Linux draws a random one per inode).
    Result<u32> encode_file_handle(const Inode& inode, u32* fh, u32& dwords) const override {
        u32 w[3] = {0, static_cast<u32>(inode.ino()), static_cast<u32>(inode.ino() >> 32)};
        return put_file_handle(w, 3, kFileidIno32Gen, fh, dwords);
    }

    u64 alloc_ino() { return m_next_ino.fetch_add(1, std::memory_order_relaxed); }
    Result<void> charge_inode();
    void uncharge_inode() { m_used_inodes.fetch_sub(1, std::memory_order_relaxed); }
    const PageAllocator& page_allocator() const { return m_page_alloc; }
    usize used_pages() const { return m_used_pages.load(std::memory_order_relaxed); }
    usize used_inodes() const { return m_used_inodes.load(std::memory_order_relaxed); }

private:
    TmpfsSuperBlock(const char* fs_name);
    static Result<void*> alloc_page(void* ctx);
    static void free_page(void* ctx, void* page);
    static Result<void*> alloc_node(void* ctx);
    static void free_node(void* ctx, void* node);

    std::atomic<u64> m_next_ino{1};
    std::atomic<usize> m_used_pages{0};
    std::atomic<usize> m_used_inodes{0};
    usize m_max_pages = 0;
    usize m_max_inodes = 0;
    PageAllocator m_page_alloc;
};

// The file-system type "tmpfs".
struct FileSystemType;
const FileSystemType& tmpfs_type();
