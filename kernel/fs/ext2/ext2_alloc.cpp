// SPDX-License-Identifier: MIT
// Block and inode allocation in the per-group bitmaps. Free counts live in the group
// descriptors (written by sync()); the bitmaps themselves are written at once.
#include "fs/ext2/ext2_inode_util.h"
#include "fs/ext2/ext2_volume.h"

Result<u32> Ext2Volume::alloc_in_bitmap(u32 bitmap_block, u32 limit, u32 start) {
    TRY(read_block(bitmap_block, m_scratch));
    for (u32 k = 0; k < limit; k++) {
        u32 bit = (start + k) % limit;
        if (!(m_scratch[bit / 8] & (1u << (bit % 8)))) {
            m_scratch[bit / 8] |= static_cast<u8>(1u << (bit % 8));
            TRY(write_block(bitmap_block, m_scratch));
            return bit;
        }
    }
    return ~0u;   // the descriptor's count was wrong: the caller reports corruption
}

Result<u32> Ext2Volume::alloc_block(u32 goal_group) {
    if (m_read_only) return Error(EROFS);
    if (goal_group >= m_group_count) goal_group = 0;
    if (!m_may_use_reserved) {
        u64 free = 0;
        for (u32 g = 0; g < m_group_count; g++) free += m_groups[g].free_blocks_count;
        if (free <= m_sb.r_blocks_count) return Error(ENOSPC);
    }
    for (u32 k = 0; k < m_group_count; k++) {
        u32 g = (goal_group + k) % m_group_count;
        if (m_groups[g].free_blocks_count == 0) continue;
        u32 bit = TRY(alloc_in_bitmap(m_groups[g].block_bitmap, blocks_in_group(g), 0));
        if (bit == ~0u) return corrupt("free block count wrong for group", g);
        m_groups[g].free_blocks_count--;
        mark_group_dirty(g);
        return m_sb.first_data_block + g * m_sb.blocks_per_group + bit;
    }
    return Error(ENOSPC);
}

Result<void> Ext2Volume::free_block(u32 block) {
    if (!block_valid(block)) return corrupt("freeing block out of range", block);
    u32 rel = block - m_sb.first_data_block;
    u32 g = rel / m_sb.blocks_per_group, bit = rel % m_sb.blocks_per_group;
    TRY(read_block(m_groups[g].block_bitmap, m_scratch));
    if (!(m_scratch[bit / 8] & (1u << (bit % 8)))) return corrupt("freeing block already free", block);
    m_scratch[bit / 8] &= static_cast<u8>(~(1u << (bit % 8)));
    TRY(write_block(m_groups[g].block_bitmap, m_scratch));
    m_groups[g].free_blocks_count++;
    mark_group_dirty(g);
    return {};
}

// Directories spread out (the group with the most free inodes among those with free blocks);
// files stay near their directory. linux ext2: find_group_other, a simpler find_group_dir.
Result<u32> Ext2Volume::alloc_inode(u32 parent_ino, bool dir) {
    if (m_read_only) return Error(EROFS);
    u32 start = parent_ino ? group_of_inode(parent_ino) : 0;
    if (start >= m_group_count) start = 0;
    if (dir) {
        u32 best = start, best_free = 0;
        for (u32 g = 0; g < m_group_count; g++) {
            u32 f = m_groups[g].free_inodes_count;
            if (f > best_free && m_groups[g].free_blocks_count > 0) best = g, best_free = f;
        }
        start = best;
    }
    for (u32 k = 0; k < m_group_count; k++) {
        u32 g = (start + k) % m_group_count;
        if (m_groups[g].free_inodes_count == 0) continue;
        // Reserved inodes (below s_first_ino) are never handed out.
        u32 first = g == 0 ? m_first_ino - 1 : 0;
        if (first >= m_sb.inodes_per_group) continue;
        TRY(read_block(m_groups[g].inode_bitmap, m_scratch));
        u32 found = ~0u;
        for (u32 bit = first; bit < m_sb.inodes_per_group; bit++)
            if (!(m_scratch[bit / 8] & (1u << (bit % 8)))) {
                found = bit;
                break;
            }
        if (found == ~0u) continue;
        m_scratch[found / 8] |= static_cast<u8>(1u << (found % 8));
        TRY(write_block(m_groups[g].inode_bitmap, m_scratch));
        m_groups[g].free_inodes_count--;
        if (dir) m_groups[g].used_dirs_count++;
        mark_group_dirty(g);
        return g * m_sb.inodes_per_group + found + 1;
    }
    return Error(ENOSPC);
}

// An extended-attribute block is shared by reference count (header: magic, then h_refcount);
// the last user frees it. Attributes are not otherwise read or written by this driver.
Result<void> Ext2Volume::release_xattr_block(Ext2InodeDisk& inode) {
    constexpr u32 kXattrMagic = 0xEA020000;
    u32 blk = inode.file_acl;
    inode.file_acl = 0;
    u32 head[128];
    if (!block_valid(blk)) return corrupt("extended attribute block out of range", blk);
    TRY(m_io.read(u64(blk) * m_bs, head, sizeof(head)));
    if (head[0] != kXattrMagic) return corrupt("bad extended attribute block", blk);
    u32 sectors = m_bs / 512;
    inode.blocks = inode.blocks > sectors ? inode.blocks - sectors : 0;
    if (head[1] > 1) {
        head[1]--;
        return m_io.write(u64(blk) * m_bs, head, sizeof(head));
    }
    return free_block(blk);
}

Result<void> Ext2Volume::delete_inode(u32 ino, Ext2InodeDisk& inode) {
    bool dir = (inode.mode & 0170000) == 0040000;
    bool fast_symlink = ext2_is_fast_symlink(inode, m_bs);
    if (!fast_symlink && (inode.mode & 0170000) != 0020000 && (inode.mode & 0170000) != 0060000)
        TRY(truncate(inode, ino, 0));
    inode.size = 0;
    inode.size_high = 0;
    if (inode.file_acl) TRY(release_xattr_block(inode));
    i64 sec;
    u32 nsec;
    m_io.now(sec, nsec);
    inode.dtime = static_cast<u32>(sec);
    inode.links_count = 0;
    TRY(write_inode(ino, inode));
    u32 g = group_of_inode(ino), bit = (ino - 1) % m_sb.inodes_per_group;
    TRY(read_block(m_groups[g].inode_bitmap, m_scratch));
    if (!(m_scratch[bit / 8] & (1u << (bit % 8)))) return corrupt("freeing inode already free", ino);
    m_scratch[bit / 8] &= static_cast<u8>(~(1u << (bit % 8)));
    TRY(write_block(m_groups[g].inode_bitmap, m_scratch));
    m_groups[g].free_inodes_count++;
    if (dir && m_groups[g].used_dirs_count) m_groups[g].used_dirs_count--;
    mark_group_dirty(g);
    return {};
}
