// SPDX-License-Identifier: MIT
// ext2 files in the VFS: attributes between the on-disk inode and the VFS atomics, regular
// file data through the page cache (filled from the disk, written through by write(2), written
// back at fsync for stores made through mappings), symlink targets, truncate and setattr.
#include "abi/linux/uapi.h"
#include "arch/paging.h"
#include "fs/ext2/ext2_fs.h"
#include "fs/ext2/ext2_inode_util.h"
#include "mm/page_ref.h"
#include "mm/pmm.h"

namespace {

Result<void*> alloc_cache_page(void*) {
    auto p = TRY(pmm_alloc_zeroed(0));
    return arch::phys_to_virt(p);
}

void free_cache_page(void*, void* page) { page_unref(arch::virt_to_phys_direct(page)); }

constinit const PageAllocator g_cache_pages{alloc_cache_page, free_cache_page, nullptr};

bool has_extra_times(Ext2Volume& v, const Ext2InodeDisk& d) { return v.large_inodes() && d.extra_isize >= 16; }

Timespec disk_time(u32 lo, u32 extra, bool has_extra) {
    return Timespec{ext2_time_sec(lo, extra, has_extra), static_cast<i64>(ext2_time_nsec(extra, has_extra))};
}

bool all_zero(const u8* p, usize n) {
    for (usize i = 0; i < n; i++)
        if (p[i]) return false;
    return true;
}

}  // namespace

Ext2Inode::Ext2Inode(Ext2SuperBlock& sb, u32 ino, const Ext2InodeDisk& d)
    : Inode(sb, ino, d.mode), m_disk(d), m_pages(g_cache_pages, this) {
    u32 type = d.mode & S_IFMT;
    if (type == S_IFCHR || type == S_IFBLK) {
        u32 r = ext2_decode_rdev(d);
        set_rdev(make_dev(r >> 20, r & 0xfffff));
    }
    pull();
    set_uid(ext2_uid(d));
    set_gid(ext2_gid(d));
}

Ext2Inode::~Ext2Inode() { esb().inode_gone(*this, m_disk.links_count == 0 || nlink() == 0); }

void Ext2Inode::pull() {
    bool x = has_extra_times(esb().vol(), m_disk);
    set_nlink(m_disk.links_count);
    set_size(ext2_size(m_disk));
    set_blocks(m_disk.blocks);
    set_atime(disk_time(m_disk.atime, m_disk.atime_extra, x));
    set_mtime(disk_time(m_disk.mtime, m_disk.mtime_extra, x));
    set_ctime(disk_time(m_disk.ctime, m_disk.ctime_extra, x));
}

Ext2InodeDisk& Ext2Inode::disk() {
    m_disk.mode = static_cast<u16>(mode());
    ext2_set_ids(m_disk, uid(), gid());
    m_disk.links_count = static_cast<u16>(nlink());
    if (is_reg()) ext2_set_size(m_disk, size());
    bool x = has_extra_times(esb().vol(), m_disk);
    Timespec a = atime(), m = mtime(), c = ctime();
    m_disk.atime = static_cast<u32>(a.sec);
    m_disk.mtime = static_cast<u32>(m.sec);
    m_disk.ctime = static_cast<u32>(c.sec);
    if (x) {
        m_disk.atime_extra = ext2_time_extra(a.sec, static_cast<u32>(a.nsec));
        m_disk.mtime_extra = ext2_time_extra(m.sec, static_cast<u32>(m.nsec));
        m_disk.ctime_extra = ext2_time_extra(c.sec, static_cast<u32>(c.nsec));
    }
    return m_disk;
}

Result<void> Ext2Inode::store() {
    if (esb().vol().read_only()) return {};
    if (is_reg()) esb().vol().note_file_size(size());
    return esb().vol().write_inode(ino32(), disk());
}

Result<usize> Ext2Inode::readlink(char* buf, usize size) {
    if (!is_symlink()) return Error(EINVAL);
    MutexGuard g(esb().vol_lock());
    return ext2_readlink(esb().vol(), m_disk, buf, size);
}

Result<void> Ext2Inode::fill_page(u64 index, void* page) {
    Ext2Volume& v = esb().vol();
    u32 bs = v.block_size();
    u64 start = index * kPageSize, end = size();
    auto* p = static_cast<u8*>(page);
    MutexGuard g(esb().vol_lock());
    // Blocks contiguous on the disk are read in one request (holes stay zero).
    u32 run_first = 0, run_count = 0, run_off = 0;
    for (u32 off = 0; off < kPageSize && start + off < end; off += bs) {
        u32 blk = TRY(v.map(m_disk, (start + off) / bs));
        if (run_count && blk == run_first + run_count) {
            run_count++;
            continue;
        }
        if (run_count) TRY(v.read_file_blocks(run_first, run_count, p + run_off));
        run_first = blk, run_count = blk ? 1 : 0, run_off = off;
    }
    if (run_count) TRY(v.read_file_blocks(run_first, run_count, p + run_off));
    // Past the end of the file the page reads as zeros, whatever the block's tail holds.
    if (start + kPageSize > end) {
        usize keep = end > start ? static_cast<usize>(end - start) : 0;
        __builtin_memset(p + keep, 0, kPageSize - keep);
    }
    return {};
}

Result<usize> Ext2Inode::read(const IoBuffer& buf, u64 offset) {
    u64 sz = size();
    if (offset >= sz || buf.size() == 0) return usize(0);
    return m_pages.copy_to(buf, offset, static_cast<usize>(min<u64>(buf.size(), sz - offset)));
}

Result<void> Ext2Inode::write_page_blocks(u64 index, const u8* page, usize from, usize to) {
    Ext2Volume& v = esb().vol();
    u32 bs = v.block_size();
    u32 goal = v.group_of_inode(ino32());
    // Blocks contiguous on the disk (the allocator's usual result) go in one request.
    u32 run_first = 0, run_count = 0;
    usize run_off = 0;
    for (usize off = from / bs * bs; off < to; off += bs) {
        bool fresh;
        u32 blk = TRY(v.map_alloc(m_disk, (index * kPageSize + off) / bs, goal, fresh));
        if (run_count && blk == run_first + run_count) {
            run_count++;
            continue;
        }
        if (run_count) TRY(v.write_file_blocks(run_first, run_count, page + run_off));
        run_first = blk, run_count = 1, run_off = off;
    }
    if (run_count) TRY(v.write_file_blocks(run_first, run_count, page + run_off));
    return {};
}

Result<usize> Ext2Inode::write(const IoBuffer& buf, u64 offset) {
    Ext2Volume& v = esb().vol();
    if (v.read_only()) return Error(EROFS);
    usize n = buf.size();
    if (n == 0) return usize(0);
    u64 end;
    if (__builtin_add_overflow(offset, n, &end) || offset >= v.max_file_size()) return Error(EFBIG);
    if (end > v.max_file_size()) n = static_cast<usize>(v.max_file_size() - offset);
    auto commit = [](void* self, u64 index, u8* page, usize from, usize to) -> Result<void> {
        auto* inode = static_cast<Ext2Inode*>(self);
        MutexGuard g(inode->esb().vol_lock());
        inode->esb().charge_caller();
        return inode->write_page_blocks(index, page, from, to);
    };
    auto written = m_pages.write_from(*this, buf, offset, n, commit, this);
    usize done = written.is_ok() ? written.value() : 0;
    int err = written.is_ok() ? 0 : written.error_code();
    if (done) touch_mtime_ctime();
    {
        MutexGuard g(esb().vol_lock());
        auto r = store();
        set_blocks(m_disk.blocks);
        if (r.is_error() && !err) err = r.error_code();
    }
    if (done == 0 && err) return Error(err);
    return done;
}

Result<void> Ext2Inode::truncate(u64 new_size) {
    Ext2Volume& v = esb().vol();
    if (v.read_only()) return Error(EROFS);
    if (new_size > v.max_file_size()) return Error(EFBIG);
    m_pages.resize(*this, new_size);
    MutexGuard g(esb().vol_lock());
    Ext2InodeDisk& d = disk();
    TRY(v.truncate(d, ino32(), new_size));
    set_blocks(d.blocks);
    return store();
}

Result<void> Ext2Inode::setattr(const SetAttr& attr) {
    if (esb().vol().read_only()) return Error(EROFS);
    TRY(Inode::setattr(attr));
    MutexGuard g(esb().vol_lock());
    return store();
}

Result<void> Ext2Inode::write_back_pages() {
    Ext2Volume& v = esb().vol();
    u32 bs = v.block_size();
    u64 sz = size();
    u64 pages = align_up(sz, kPageSize) / kPageSize;
    for (u64 index = 0; index < pages; index++) {
        PhysAddr page = m_pages.lookup(index);
        if (!page.value) continue;
        const u8* p = static_cast<const u8*>(arch::phys_to_virt(page));
        Result<void> r;
        {
            MutexGuard g(esb().vol_lock());
            v.set_may_use_reserved(true);   // the stores were accepted already
            u32 goal = v.group_of_inode(ino32());
            for (u32 off = 0; off < kPageSize && index * kPageSize + off < sz && r.is_ok(); off += bs) {
                u64 lblock = (index * kPageSize + off) / bs;
                auto blk = v.map(m_disk, lblock);
                if (blk.is_error()) {
                    r = blk.error();
                    break;
                }
                u32 b = blk.value();
                // A hole the page only read as zeros stays a hole; one a mapping wrote to gets
                // its block now.
                if (!b) {
                    if (all_zero(p + off, bs)) continue;
                    bool fresh;
                    auto a = v.map_alloc(m_disk, lblock, goal, fresh);
                    if (a.is_error()) {
                        r = a.error();
                        break;
                    }
                    b = a.value();
                }
                r = v.write_file_blocks(b, 1, p + off);
            }
        }
        page_unref(page);
        TRY(std::move(r));
    }
    set_blocks(m_disk.blocks);
    return {};
}

Result<void> Ext2Inode::fsync(bool) {
    if (esb().vol().read_only()) return {};
    {
        MutexGuard ig(lock());
        // write(2) wrote its blocks already; only stores through shared mappings are pending.
        if (is_reg() && m_pages.shared_writes_possible()) {
            m_pages.clear_shared_writes();
            TRY(write_back_pages());
        }
        MutexGuard g(esb().vol_lock());
        if (m_disk.links_count || nlink()) TRY(store());
        TRY(esb().vol().sync());
    }
    return esb().flush_device();
}
