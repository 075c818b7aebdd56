// SPDX-License-Identifier: MIT
// One ext2 file system on a device: the superblock and group descriptors, inodes, block mapping
// (direct, indirect, double and triple indirect), bitmap allocation and directory blocks. Pure:
// it reaches the device only through Ext2Io, so the host tests run it on image files made by
// mke2fs and check what it writes with e2fsck. Not thread-safe: the kernel's Ext2SuperBlock
// serialises every call with one mutex.
//
// Metadata (bitmaps, inode table, indirect and directory blocks) is read and written through an
// Ext2Cache, written back by sync() (and by the cache itself when it has much or old dirty
// data), as are the superblock and group descriptors' free counts; file data goes to the device
// directly (read_file_blocks, write_file_blocks). Corrupt
// metadata (block numbers outside the file system, malformed directory entries) gives EUCLEAN
// (Linux's EFSCORRUPTED) with one log line, never a crash.
#pragma once

#include "fs/ext2/ext2_cache.h"
#include "fs/ext2/ext2_format.h"
#include "lib/result.h"
#include "lib/string_view.h"

struct Ext2Statfs {
    u64 bsize, blocks, bfree, bavail, files, ffree;
    u8 uuid[16];
};

// Directory listing callback: returns false to stop (the entry is then not consumed).
class Ext2DirVisitor {
public:
    virtual bool entry(StringView name, u32 ino, u8 file_type, u64 next_pos) = 0;

protected:
    ~Ext2DirVisitor() = default;
};

class Ext2Volume {
public:
    // Reads and checks the superblock and group descriptors. EINVAL (logged) for a bad magic,
    // revision, block size or geometry, for unknown INCOMPAT features, and for unknown RO_COMPAT
    // features unless read_only (as Linux: such a file system can only be mounted read-only).
    static Result<Ext2Volume*> mount(Ext2Io& io, bool read_only);
    ~Ext2Volume();
    Ext2Volume(const Ext2Volume&) = delete;
    Ext2Volume& operator=(const Ext2Volume&) = delete;

    bool read_only() const { return m_read_only; }
    u32 block_size() const { return m_bs; }
    u32 inode_size() const { return m_inode_size; }
    u32 inodes_count() const { return m_sb.inodes_count; }
    bool has_filetype() const { return m_sb.feature_incompat & kIncompatFiletype; }
    bool large_inodes() const { return m_inode_size > kExt2GoodOldInodeSize; }
    const Ext2SuperBlockDisk& super() const { return m_sb; }
    void statfs(Ext2Statfs& out) const;

    // --- inodes ------------------------------------------------------------------------------
    // EUCLEAN for an inode number out of range.
    Result<void> read_inode(u32 ino, Ext2InodeDisk& out);
    Result<void> write_inode(u32 ino, const Ext2InodeDisk& in);
    // A free inode for a new file (directories go to the emptiest group, files near parent).
    Result<u32> alloc_inode(u32 parent_ino, bool dir);
    // Frees a deleted inode (nlink 0): its blocks, then the inode itself (dtime set).
    Result<void> delete_inode(u32 ino, Ext2InodeDisk& inode);
    // Fills a fresh on-disk inode (mode, ids, times) for a newly allocated number.
    void init_inode(Ext2InodeDisk& inode, u32 mode, u32 uid, u32 gid, i64 sec, u32 nsec) const;

    // --- data ----------------------------------------------------------------------------
    Result<void> read_block(u32 block, void* buf);
    Result<void> write_block(u32 block, const void* buf);
    // A regular file's data, `count` blocks from `first` (contiguous on disk), not cached.
    Result<void> read_file_blocks(u32 first, u32 count, void* buf);
    Result<void> write_file_blocks(u32 first, u32 count, const void* buf);
    // Memory pressure: frees up to max clean cached metadata units (4 KiB each).
    usize shed_cache(usize max) { return m_io.shed_clean(max); }
    // Whether the periodic write-back should sync(): cached metadata has been dirty longer than
    // expire_cs centiseconds (which later writes keep to as well).
    bool writeback_due(i64 expire_cs) {
        m_io.set_expire_centisecs(expire_cs);
        return !m_read_only && m_io.expired();
    }
    // The device block holding logical block lblock of the file, 0 for a hole.
    Result<u32> map(const Ext2InodeDisk& inode, u64 lblock);
    // As map(), allocating the block (and any indirect blocks) when absent; i_blocks is updated
    // in inode, which the caller writes back. fresh: the data block was just allocated.
    Result<u32> map_alloc(Ext2InodeDisk& inode, u64 lblock, u32 goal_group, bool& fresh);
    // Frees every block past the first ceil(size / block size) logical blocks (indirect blocks
    // that become empty too) and sets i_size. The caller writes the inode back.
    Result<void> truncate(Ext2InodeDisk& inode, u32 ino, u64 size);
    // Byte-level file I/O through a bounce block: reads clip at i_size and read holes as zeros;
    // writes allocate and extend i_size (the caller writes the inode back).
    Result<usize> read_data(const Ext2InodeDisk& inode, u64 offset, void* buf, usize len);
    Result<usize> write_data(Ext2InodeDisk& inode, u32 ino, u64 offset, const void* buf, usize len);
    u32 group_of_inode(u32 ino) const { return (ino - 1) / m_sb.inodes_per_group; }
    u64 max_file_size() const;
    // Turns large_file on when a file grows past 2 GiB (the caller then writes its inode).
    void note_file_size(u64 size);

    // --- directories (ext2_dir.cpp) -------------------------------------------------------
    // The inode named name in dir, 0 when absent.
    Result<u32> dir_lookup(const Ext2InodeDisk& dir, StringView name, u8* file_type = nullptr);
    // Adds an entry (name known absent), growing the directory by a block when full.
    Result<void> dir_add(Ext2InodeDisk& dir, u32 dir_ino, StringView name, u32 ino, u8 file_type);
    Result<void> dir_remove(Ext2InodeDisk& dir, StringView name);
    // Points the existing entry name at ino (rename over a target, or ".." of a moved dir).
    Result<void> dir_set(Ext2InodeDisk& dir, StringView name, u32 ino, u8 file_type);
    // Whether dir holds nothing but "." and "..".
    Result<bool> dir_empty(const Ext2InodeDisk& dir);
    // Lists entries from byte position pos, advancing it past each one the visitor accepts.
    Result<void> dir_iterate(const Ext2InodeDisk& dir, u64& pos, Ext2DirVisitor& v);
    // The first block of a new directory: "." and "..".
    Result<void> dir_init(Ext2InodeDisk& dir, u32 ino, u32 parent_ino);
    u8 file_type_of(u32 mode) const;

    // Writes the superblock (free counts, times) and the group descriptors that changed.
    Result<void> sync();
    // Marks the file system clean (s_state valid) and syncs: the last step of umount.
    Result<void> unmount();
    // Whether the allocations that follow may use the blocks reserved for root (s_r_blocks_count;
    // linux: ext4_has_free_clusters with capable(CAP_SYS_RESOURCE) or the resuid/resgid).
    void set_may_use_reserved(bool may) { m_may_use_reserved = may; }
    // Remount: read-only marks it clean (as unmount); writable again checks the RO_COMPAT
    // features (EINVAL) and marks it in use, as mount does.
    Result<void> set_read_only(bool read_only);

    // EUCLEAN, logged once per call site kind.
    Error corrupt(const char* what, u64 value);

private:
    explicit Ext2Volume(Ext2Io& io) : m_io(io) {}
    Result<void> load(bool read_only);
    Result<void> start_writing();
    u64 inode_offset(u32 ino, u32& group) const;
    u64 gdt_block(u32 index) const;
    bool block_valid(u32 block) const { return block >= m_sb.first_data_block && block < m_sb.blocks_count; }
    Result<u32> alloc_block(u32 goal_group);
    Result<void> free_block(u32 block);
    Result<void> release_xattr_block(Ext2InodeDisk& inode);
    Result<u32> alloc_in_bitmap(u32 bitmap_block, u32 limit, u32 start);
    Result<void> free_tree(u32 block, int depth, u32& freed);
    Result<u32> read_entry(u32 block, u32 index);
    Result<void> write_entry(u32 block, u32 index, u32 value);
    Result<void> zero_block(u32 block);
    Result<bool> truncate_tree(u32& slot, int depth, u64 keep, u64 base, u64 span, u32& freed);
    u32 blocks_in_group(u32 group) const;
    void mark_group_dirty(u32 group);
    // Directory block helpers.
    Result<void> check_dir_block(const u8* blk, u32 lblock);
    Result<void> dir_find(const Ext2InodeDisk& dir, StringView name, u8* buf, u64& lblock, u32& off, u32& prev_off);
    template <typename Change>
    Result<void> dir_edit(Ext2InodeDisk& dir, StringView name, Change change);
    u32 entry_name_len(const Ext2DirEntryHead* e) const;

    Ext2Cache m_io;   // the device, its metadata cached
    Ext2SuperBlockDisk m_sb{};
    Ext2GroupDesc* m_groups = nullptr;
    u8* m_gdt_dirty = nullptr;   // one flag per descriptor block
    u8* m_scratch = nullptr;     // one block for bitmap updates
    u32 m_bs = 0;
    u32 m_group_count = 0;
    u32 m_gdt_blocks = 0;
    u32 m_inode_size = 0;
    u32 m_first_ino = 0;
    u32 m_addr_per_block = 0;
    bool m_read_only = false;
    bool m_sb_dirty = false;
    bool m_may_use_reserved = true;
};
