// SPDX-License-Identifier: MIT
// ext2 in the VFS: a superblock over an Ext2Volume on a block device, and one Ext2Inode per
// live file. The volume is not thread-safe, so every call into it holds the superblock's
// volume mutex (innermost: taken under inode mutexes and the page-cache lock, never around
// them). Regular files keep their bytes in a page cache filled from the disk; write(2) writes
// the blocks it touched through to the device at once (metadata waits in the volume's cache),
// pages stored through shared mappings go to disk at fsync, sync and umount. The superblock is
// a Shrinker: under memory pressure its files' clean cached pages go.
#pragma once

#include "drivers/block/block_device.h"
#include "fs/ext2/ext2_ops.h"
#include "fs/vfs/inode.h"
#include "mm/page_cache.h"
#include "mm/reclaim.h"
#include "sync/spinlock.h"

class Ext2Inode;

// The volume's view of a block device.
class BlockDevIo final : public Ext2Io {
public:
    explicit BlockDevIo(BlockDevice& dev) : m_dev(dev) {}
    Result<void> read(u64 offset, void* buf, usize len) override;
    Result<void> write(u64 offset, const void* buf, usize len) override;
    u64 size_bytes() override { return m_dev.sector_count() * kSectorSize; }
    void log(const char* msg, u64 value) override;
    void now(i64& sec, u32& nsec) override;
    BlockDevice& dev() { return m_dev; }

private:
    BlockDevice& m_dev;
};

class Ext2SuperBlock final : public SuperBlock, public Shrinker {
public:
    static Result<RefPtr<SuperBlock>> mount(DevId dev, u64 flags, const char* data);
    ~Ext2SuperBlock() override;

    void statfs(FsStats& out) override;
    // linux: export_encode_fh() (ext2 has no encoder of its own): inode number, generation.
    // LINUX-DIVERGENCE: the generation is always 0 (the on-disk i_generation is not read).
    Result<u32> encode_file_handle(const Inode& inode, u32* fh, u32& dwords) const override {
        u32 w[2] = {static_cast<u32>(inode.ino()), 0};
        return put_file_handle(w, 2, kFileidIno32Gen, fh, dwords);
    }
    Result<void> sync() override;
    bool forced_read_only() const override { return m_vol->read_only(); }
    Result<void> remount(bool read_only) override;

    Ext2Volume& vol() { return *m_vol; }
    Mutex& vol_lock() { return m_vol_lock; }
    Result<void> flush_device() { return m_io.dev().flush(); }
    Ext2Now now();
    // Before allocating on behalf of the calling process (volume lock held): may it use the
    // root-reserved blocks?
    void charge_caller();
    // The live inode for ino, read from disk when there is none. Call with the volume lock.
    Result<RefPtr<Inode>> iget(u32 ino);
    // Registers a new inode made by the caller (just created on disk).
    RefPtr<Inode> adopt_new(u32 ino, const Ext2InodeDisk& d);
    // From ~Ext2Inode (any context, no sleeping): leaves the table; a file with no links left
    // is queued to be freed on disk by the next reap.
    void inode_gone(Ext2Inode& inode, bool orphan);
    // Frees the queued files' blocks and inodes. Call with the volume lock.
    void reap_orphans();
    // Writes back every live file's pages and attributes (sync, umount).
    Result<void> write_back_all();
    // The periodic write-back: syncs the volume if its cached metadata has been dirty too long.
    void writeback_expired();
    // Memory pressure: clean cached pages of the live files, from where the last call stopped.
    usize shrink(usize want, bool& busy) override;

private:
    Ext2SuperBlock(DevId dev, BlockDevice& bdev);
    Result<void> load(bool read_only);
    // Calls fn(Ext2Inode&) for the live inodes of bucket `bucket` with a reference held and no
    // lock, stopping early when fn returns false. Every inode live throughout is seen once; one
    // that joins meanwhile may be missed. Returns false if fn stopped it.
    template <typename Fn>
    bool for_each_live_in_bucket(usize bucket, Fn fn);
    static constexpr usize kBuckets = 256;
    static constexpr usize kMaxOrphans = 256;

    BlockDevIo m_io;
    Ext2Volume* m_vol = nullptr;
    Mutex m_vol_lock{"ext2-volume"};
    Spinlock m_table_lock{LockRank::FsInodeCache, "ext2-inodes"};
    Ext2Inode* m_buckets[kBuckets] = {};
    u32 m_orphans[kMaxOrphans] = {};
    usize m_orphan_count = 0;
    usize m_shrink_bucket = 0;   // where the next shrink starts
    bool m_opened = false;
    bool m_registered = false;   // in the table of mounted devices
};

class Ext2Inode final : public Inode, public PageFiller {
public:
    Ext2Inode(Ext2SuperBlock& sb, u32 ino, const Ext2InodeDisk& d);
    ~Ext2Inode() override;

    // directories (ext2_namei.cpp)
    Result<RefPtr<Inode>> lookup(StringView name) override;
    Result<RefPtr<Inode>> create(StringView name, u32 mode, const Credentials& creds) override;
    Result<RefPtr<Inode>> mkdir(StringView name, u32 mode, const Credentials& creds) override;
    Result<RefPtr<Inode>> mknod(StringView name, u32 mode, DevId rdev, const Credentials& creds) override;
    Result<RefPtr<Inode>> symlink(StringView name, StringView target, const Credentials& creds) override;
    Result<void> link(StringView name, Inode& target) override;
    Result<void> unlink(StringView name, Inode& victim) override;
    Result<void> rmdir(StringView name, Inode& victim) override;
    Result<void> rename(StringView old_name, Inode& new_dir, StringView new_name, unsigned flags) override;
    Result<RefPtr<Inode>> tmpfile(u32 mode, const Credentials& creds) override;
    Result<void> iterate(u64& pos, DirSink& sink) override;

    // files and attributes (ext2_inode.cpp)
    Result<usize> readlink(char* buf, usize size) override;
    Result<usize> read(const IoBuffer& buf, u64 offset) override;
    Result<usize> write(const IoBuffer& buf, u64 offset) override;
    Result<void> truncate(u64 size) override;
    PageCache* page_cache() override { return is_reg() ? &m_pages : nullptr; }
    Result<void> setattr(const SetAttr& attr) override;
    Result<void> fsync(bool datasync) override;
    Result<void> fill_page(u64 index, void* page) override;

    // The on-disk copy with the VFS attributes folded in (call with the volume lock).
    Ext2InodeDisk& disk();
    // After the volume changed the on-disk copy: link count, size, blocks and times to the VFS.
    void pull();
    // Writes the inode (volume lock held).
    Result<void> store();
    // Writes every cached page inside the file to its blocks, allocating what a mapping filled
    // (volume lock not held; the inode mutex is).
    Result<void> write_back_pages();
    u32 ino32() const { return static_cast<u32>(ino()); }
    Ext2SuperBlock& esb() const { return static_cast<Ext2SuperBlock&>(sb()); }

    Ext2Inode* hash_next = nullptr;

private:
    // Writes the fs blocks of page index that overlap [from, to) (bytes within the page).
    Result<void> write_page_blocks(u64 index, const u8* page, usize from, usize to);
    Result<RefPtr<Inode>> make_child(StringView name, u32 mode, DevId rdev, StringView target, const Credentials& creds);

    Ext2InodeDisk m_disk;
    PageCache m_pages;
};

struct FileSystemType;
const FileSystemType& ext2_type();
// Boot: registers "ext2" (after vfs_init).
void ext2_init();
