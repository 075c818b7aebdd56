// SPDX-License-Identifier: MIT
// Ext2Volume: mounting (superblock and descriptor checks), inodes, the superblock's sync and
// statfs. Allocation is ext2_alloc.cpp, block mapping ext2_map.cpp, directories ext2_dir.cpp.
#include "fs/ext2/ext2_volume.h"

#include <new>

#include "fs/ext2/ext2_inode_util.h"

namespace {

bool is_power_of(u32 n, u32 base) {
    while (n > 1 && n % base == 0) n /= base;
    return n == 1;
}

}  // namespace

Error Ext2Volume::corrupt(const char* what, u64 value) {
    m_io.log(what, value);
    return Error(EUCLEAN);
}

Result<Ext2Volume*> Ext2Volume::mount(Ext2Io& io, bool read_only) {
    auto* v = new (std::nothrow) Ext2Volume(io);
    if (!v) return Error(ENOMEM);
    auto r = v->load(read_only);
    if (r.is_error()) {
        delete v;
        return r.error();
    }
    return v;
}

Ext2Volume::~Ext2Volume() {
    delete[] m_groups;
    delete[] m_gdt_dirty;
    delete[] m_scratch;
}

// Whether group g holds a superblock backup (and descriptor copy).
static bool group_has_super(const Ext2SuperBlockDisk& sb, u32 g) {
    if (g <= 1 || !(sb.feature_ro_compat & kRoCompatSparseSuper)) return true;
    if (!(g & 1)) return false;
    return is_power_of(g, 3) || is_power_of(g, 5) || is_power_of(g, 7);
}

Result<void> Ext2Volume::load(bool read_only) {
    TRY(m_io.read(kExt2SuperOffset, &m_sb, sizeof(m_sb)));
    if (m_sb.magic != kExt2Magic) {
        m_io.log("bad magic number in superblock", m_sb.magic);
        return Error(EINVAL);
    }
    if (m_sb.rev_level > 1) {
        m_io.log("unsupported revision level", m_sb.rev_level);
        return Error(EINVAL);
    }
    if (m_sb.log_block_size > 2) {   // 1, 2 or 4 KiB: a block never spans pages
        m_io.log("unsupported block size, log", m_sb.log_block_size);
        return Error(EINVAL);
    }
    m_bs = 1024u << m_sb.log_block_size;
    m_addr_per_block = m_bs / 4;
    if (m_sb.rev_level == 0) {
        m_inode_size = kExt2GoodOldInodeSize;
        m_first_ino = kExt2GoodOldFirstIno;
        m_sb.feature_compat = m_sb.feature_incompat = m_sb.feature_ro_compat = 0;
    } else {
        m_inode_size = m_sb.inode_size;
        m_first_ino = m_sb.first_ino;
        if (m_inode_size < kExt2GoodOldInodeSize || m_inode_size > m_bs || (m_inode_size & (m_inode_size - 1))) {
            m_io.log("unsupported inode size", m_inode_size);
            return Error(EINVAL);
        }
        if (u32 unknown = m_sb.feature_incompat & ~kIncompatSupported) {
            m_io.log("couldn't mount because of unsupported optional features", unknown);
            return Error(EINVAL);
        }
    }
    m_read_only = read_only;
    // linux ext2_fill_super: features this driver cannot write allow read-only mounts only.
    if (u32 unknown = m_sb.feature_ro_compat & ~kRoCompatSupported; unknown && !read_only) {
        m_io.log("couldn't mount RDWR because of unsupported optional features", unknown);
        return Error(EINVAL);
    }
    if (m_sb.blocks_per_group == 0 || m_sb.blocks_per_group > m_bs * 8 || m_sb.inodes_per_group == 0 ||
        m_sb.inodes_per_group > m_bs * 8 || m_sb.first_data_block >= m_sb.blocks_count ||
        m_sb.first_data_block != (m_bs == 1024 ? 1u : 0u) || m_first_ino < kExt2RootIno + 1) {
        m_io.log("corrupt superblock geometry, blocks per group", m_sb.blocks_per_group);
        return Error(EINVAL);
    }
    u64 dev_blocks = m_io.size_bytes() / m_bs;
    if (m_sb.blocks_count > dev_blocks) {
        m_io.log("file system larger than the device, blocks", m_sb.blocks_count);
        return Error(EINVAL);
    }
    m_group_count = (m_sb.blocks_count - m_sb.first_data_block + m_sb.blocks_per_group - 1) / m_sb.blocks_per_group;
    if (u64(m_group_count) * m_sb.inodes_per_group != m_sb.inodes_count) {
        m_io.log("inode count does not match the groups", m_sb.inodes_count);
        return Error(EINVAL);
    }
    u32 per_block = m_bs / sizeof(Ext2GroupDesc);
    m_gdt_blocks = (m_group_count + per_block - 1) / per_block;
    m_groups = new (std::nothrow) Ext2GroupDesc[m_gdt_blocks * per_block];
    m_gdt_dirty = new (std::nothrow) u8[m_gdt_blocks]();
    m_scratch = new (std::nothrow) u8[m_bs];
    if (!m_groups || !m_gdt_dirty || !m_scratch) return Error(ENOMEM);
    for (u32 i = 0; i < m_gdt_blocks; i++) {
        u64 blk = gdt_block(i);
        if (blk >= m_sb.blocks_count) {
            m_io.log("group descriptors outside the file system, block", blk);
            return Error(EINVAL);
        }
        TRY(m_io.read(blk * m_bs, reinterpret_cast<u8*>(m_groups) + u64(i) * m_bs, m_bs));
    }
    u32 itable_blocks = (m_sb.inodes_per_group * m_inode_size + m_bs - 1) / m_bs;
    for (u32 g = 0; g < m_group_count; g++) {
        const Ext2GroupDesc& d = m_groups[g];
        if (!block_valid(d.block_bitmap) || !block_valid(d.inode_bitmap) || !block_valid(d.inode_table) ||
            u64(d.inode_table) + itable_blocks > m_sb.blocks_count) {
            m_io.log("group descriptor points outside the file system, group", g);
            return Error(EINVAL);
        }
    }
    if (!m_read_only) TRY(start_writing());
    return {};
}

// As Linux: the on-disk state says "not clean" while mounted read-write.
Result<void> Ext2Volume::start_writing() {
    i64 sec;
    u32 nsec;
    m_io.now(sec, nsec);
    if (!(m_sb.state & kExt2ValidFs)) m_io.log("mounting unchecked fs, state", m_sb.state);
    m_sb.state &= ~kExt2ValidFs;
    m_sb.mnt_count++;
    m_sb.mtime = static_cast<u32>(sec);
    m_sb_dirty = true;
    return sync();
}

Result<void> Ext2Volume::set_read_only(bool read_only) {
    if (read_only == m_read_only) return {};
    if (read_only) {
        TRY(unmount());
        m_read_only = true;
        return {};
    }
    if (u32 unknown = m_sb.feature_ro_compat & ~kRoCompatSupported) {
        m_io.log("couldn't remount RDWR because of unsupported optional features", unknown);
        return Error(EINVAL);
    }
    m_read_only = false;
    return start_writing();
}

u64 Ext2Volume::gdt_block(u32 i) const {
    u32 per_block = m_bs / sizeof(Ext2GroupDesc);
    if (!(m_sb.feature_incompat & kIncompatMetaBg) || i < m_sb.first_meta_bg)
        return u64(m_sb.first_data_block) + 1 + i;
    u32 g = i * per_block;
    return u64(m_sb.first_data_block) + u64(g) * m_sb.blocks_per_group + (group_has_super(m_sb, g) ? 1 : 0);
}

u32 Ext2Volume::blocks_in_group(u32 group) const {
    if (group + 1 < m_group_count) return m_sb.blocks_per_group;
    return m_sb.blocks_count - m_sb.first_data_block - group * m_sb.blocks_per_group;
}

void Ext2Volume::mark_group_dirty(u32 group) {
    m_gdt_dirty[group / (m_bs / sizeof(Ext2GroupDesc))] = 1;
    m_sb_dirty = true;
}

u64 Ext2Volume::max_file_size() const {
    u64 a = m_addr_per_block;
    u64 blocks = kExt2NDirBlocks + a + a * a + a * a * a;
    u64 bytes = blocks * m_bs;
    if (m_sb.rev_level == 0 && bytes > 0x7fffffffull) bytes = 0x7fffffffull;
    // i_blocks counts 512-byte sectors in 32 bits (no huge_file): a bound for 4K blocks.
    u64 by_iblocks = ((1ull << 32) - 1) * 512;
    if (bytes > by_iblocks) bytes = by_iblocks;
    return bytes;
}

// linux: a file growing past 2 GiB turns the large_file feature on (revision 1 only; Linux would
// first upgrade a revision 0 file system, which this driver does not).
void Ext2Volume::note_file_size(u64 size) {
    if (size <= 0x7fffffffull || (m_sb.feature_ro_compat & kRoCompatLargeFile) || m_sb.rev_level == 0) return;
    m_sb.feature_ro_compat |= kRoCompatLargeFile;
    m_sb_dirty = true;
}

u64 Ext2Volume::inode_offset(u32 ino, u32& group) const {
    group = (ino - 1) / m_sb.inodes_per_group;
    u32 index = (ino - 1) % m_sb.inodes_per_group;
    return u64(m_groups[group].inode_table) * m_bs + u64(index) * m_inode_size;
}

Result<void> Ext2Volume::read_inode(u32 ino, Ext2InodeDisk& out) {
    if (ino == 0 || ino > m_sb.inodes_count) return corrupt("inode number out of range", ino);
    u32 group;
    u64 off = inode_offset(ino, group);
    u8 sector[512];
    TRY(m_io.read(off & ~u64(511), sector, sizeof(sector)));
    __builtin_memset(&out, 0, sizeof(out));
    usize n = m_inode_size < sizeof(out) ? m_inode_size : sizeof(out);
    __builtin_memcpy(&out, sector + (off & 511), n);
    // Extra fields beyond what extra_isize covers are not there.
    if (n > kExt2GoodOldInodeSize) {
        u32 covered = kExt2GoodOldInodeSize + out.extra_isize;
        if (out.extra_isize & 3 || covered > m_inode_size) out.extra_isize = 0, covered = kExt2GoodOldInodeSize;
        if (covered < n) __builtin_memset(reinterpret_cast<u8*>(&out) + covered, 0, n - covered);
    }
    return {};
}

Result<void> Ext2Volume::write_inode(u32 ino, const Ext2InodeDisk& in) {
    if (m_read_only) return Error(EROFS);
    if (ino == 0 || ino > m_sb.inodes_count) return corrupt("inode number out of range", ino);
    u32 group;
    u64 off = inode_offset(ino, group);
    u8 sector[512];
    TRY(m_io.read(off & ~u64(511), sector, sizeof(sector)));
    usize n = kExt2GoodOldInodeSize;
    if (m_inode_size > kExt2GoodOldInodeSize) {
        n = kExt2GoodOldInodeSize + in.extra_isize;
        if (n > sizeof(in)) n = sizeof(in);
    }
    __builtin_memcpy(sector + (off & 511), &in, n);
    return m_io.write(off & ~u64(511), sector, sizeof(sector));
}

void Ext2Volume::init_inode(Ext2InodeDisk& inode, u32 mode, u32 uid, u32 gid, i64 sec, u32 nsec) const {
    __builtin_memset(&inode, 0, sizeof(inode));
    inode.mode = static_cast<u16>(mode);
    inode.uid = static_cast<u16>(uid);
    inode.uid_high = static_cast<u16>(uid >> 16);
    inode.gid = static_cast<u16>(gid);
    inode.gid_high = static_cast<u16>(gid >> 16);
    inode.atime = inode.ctime = inode.mtime = static_cast<u32>(sec);
    if (m_inode_size > kExt2GoodOldInodeSize) {
        inode.extra_isize = kExt2WantExtraIsize <= m_inode_size - kExt2GoodOldInodeSize ? kExt2WantExtraIsize : 0;
        if (inode.extra_isize) {
            u32 extra = ext2_time_extra(sec, nsec);
            inode.atime_extra = inode.ctime_extra = inode.mtime_extra = inode.crtime_extra = extra;
            inode.crtime = static_cast<u32>(sec);
        }
    }
}

Result<void> Ext2Volume::read_block(u32 block, void* buf) {
    if (!block_valid(block)) return corrupt("block number out of range", block);
    return m_io.read(u64(block) * m_bs, buf, m_bs);
}

Result<void> Ext2Volume::write_block(u32 block, const void* buf) {
    if (m_read_only) return Error(EROFS);
    if (!block_valid(block)) return corrupt("block number out of range", block);
    return m_io.write(u64(block) * m_bs, buf, m_bs);
}

Result<void> Ext2Volume::read_file_blocks(u32 first, u32 count, void* buf) {
    if (!block_valid(first) || count == 0 || !block_valid(first + count - 1)) return corrupt("block number out of range", first);
    return m_io.read_direct(u64(first) * m_bs, buf, usize(count) * m_bs);
}

Result<void> Ext2Volume::write_file_blocks(u32 first, u32 count, const void* buf) {
    if (m_read_only) return Error(EROFS);
    if (!block_valid(first) || count == 0 || !block_valid(first + count - 1)) return corrupt("block number out of range", first);
    return m_io.write_direct(u64(first) * m_bs, buf, usize(count) * m_bs);
}

Result<void> Ext2Volume::sync() {
    if (m_read_only) return {};
    u32 per_block = m_bs / sizeof(Ext2GroupDesc);
    for (u32 i = 0; i < m_gdt_blocks; i++) {
        if (!m_gdt_dirty[i]) continue;
        TRY(m_io.write(gdt_block(i) * m_bs, reinterpret_cast<u8*>(m_groups) + u64(i) * per_block * sizeof(Ext2GroupDesc),
                       m_bs));
        m_gdt_dirty[i] = 0;
    }
    if (m_sb_dirty) {
        i64 sec;
        u32 nsec;
        m_io.now(sec, nsec);
        m_sb.wtime = static_cast<u32>(sec);
        u32 free_blocks = 0, free_inodes = 0;
        for (u32 g = 0; g < m_group_count; g++) {
            free_blocks += m_groups[g].free_blocks_count;
            free_inodes += m_groups[g].free_inodes_count;
        }
        m_sb.free_blocks_count = free_blocks;
        m_sb.free_inodes_count = free_inodes;
        TRY(m_io.write(kExt2SuperOffset, &m_sb, sizeof(m_sb)));
        m_sb_dirty = false;
    }
    return m_io.flush();
}

Result<void> Ext2Volume::unmount() {
    if (m_read_only) return {};
    m_sb.state |= kExt2ValidFs;
    m_sb_dirty = true;
    return sync();
}

// As Linux's ext4 statfs (the oracle mounts ext2 with the ext4 driver): the blocks exclude the
// metadata overhead (superblock and descriptor copies with their reserved growth blocks,
// bitmaps, inode tables); bavail leaves out the root-reserved blocks.
void Ext2Volume::statfs(Ext2Statfs& out) const {
    u64 overhead = m_sb.first_data_block;
    u32 itable_blocks = (m_sb.inodes_per_group * m_inode_size + m_bs - 1) / m_bs;
    u32 per_block = m_bs / sizeof(Ext2GroupDesc);
    bool meta_bg = m_sb.feature_incompat & kIncompatMetaBg;
    u64 free_blocks = 0, free_inodes = 0;
    for (u32 g = 0; g < m_group_count; g++) {
        u32 n = group_has_super(m_sb, g) ? 1 : 0;
        if (!meta_bg || g < m_sb.first_meta_bg * per_block) {
            if (n) n += m_gdt_blocks + m_sb.reserved_gdt_blocks;
        } else {
            u32 in_meta = g % per_block;
            if (in_meta == 0 || in_meta == 1 || in_meta == per_block - 1) n += 1;
        }
        overhead += n + 2 + itable_blocks;
        free_blocks += m_groups[g].free_blocks_count;
        free_inodes += m_groups[g].free_inodes_count;
    }
    out.bsize = m_bs;
    out.blocks = m_sb.blocks_count - overhead;
    out.bfree = free_blocks;
    out.bavail = free_blocks > m_sb.r_blocks_count ? free_blocks - m_sb.r_blocks_count : 0;
    out.files = m_sb.inodes_count;
    out.ffree = free_inodes;
    __builtin_memcpy(out.uuid, m_sb.uuid, 16);
}

u8 Ext2Volume::file_type_of(u32 mode) const {
    if (!has_filetype()) return kFtUnknown;
    switch (mode & 0170000) {
    case 0100000: return kFtReg;
    case 0040000: return kFtDir;
    case 0020000: return kFtChr;
    case 0060000: return kFtBlk;
    case 0010000: return kFtFifo;
    case 0140000: return kFtSock;
    case 0120000: return kFtSymlink;
    default: return kFtUnknown;
    }
}
