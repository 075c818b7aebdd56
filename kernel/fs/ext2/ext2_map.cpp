// SPDX-License-Identifier: MIT
// Block mapping: the twelve direct blocks, then one indirect, one double-indirect and one
// triple-indirect tree. Truncation frees data and the indirect blocks that become empty;
// byte-level reads and writes for symlinks and directories (and the host tests) go through a
// bounce block.
#include <new>

#include "fs/ext2/ext2_inode_util.h"
#include "fs/ext2/ext2_volume.h"

namespace {

// Where logical block lblock lives: depth 0 (direct) to 3, the slot in i_block and the index
// at each level of indirection.
struct MapPath {
    int depth;
    u32 slot;
    u32 index[3];
};

bool map_path(u64 lblock, u32 apb, MapPath& p) {
    u64 a = apb;
    if (lblock < kExt2NDirBlocks) {
        p = {0, static_cast<u32>(lblock), {}};
        return true;
    }
    lblock -= kExt2NDirBlocks;
    if (lblock < a) {
        p = {1, kExt2IndBlock, {static_cast<u32>(lblock), 0, 0}};
        return true;
    }
    lblock -= a;
    if (lblock < a * a) {
        p = {2, kExt2DindBlock, {static_cast<u32>(lblock / a), static_cast<u32>(lblock % a), 0}};
        return true;
    }
    lblock -= a * a;
    if (lblock < a * a * a) {
        p = {3, kExt2TindBlock,
             {static_cast<u32>(lblock / (a * a)), static_cast<u32>(lblock / a % a), static_cast<u32>(lblock % a)}};
        return true;
    }
    return false;
}

}  // namespace

Result<u32> Ext2Volume::read_entry(u32 block, u32 index) {
    if (!block_valid(block)) return corrupt("indirect block number out of range", block);
    u32 sector[128];
    u64 off = u64(block) * m_bs + u64(index) * 4;
    TRY(m_io.read(off & ~u64(511), sector, sizeof(sector)));
    return sector[(off & 511) / 4];
}

Result<void> Ext2Volume::write_entry(u32 block, u32 index, u32 value) {
    u32 sector[128];
    u64 off = u64(block) * m_bs + u64(index) * 4;
    TRY(m_io.read(off & ~u64(511), sector, sizeof(sector)));
    sector[(off & 511) / 4] = value;
    return m_io.write(off & ~u64(511), sector, sizeof(sector));
}

Result<void> Ext2Volume::zero_block(u32 block) {
    static constexpr u8 kZero[512] = {};
    for (u32 off = 0; off < m_bs; off += 512) TRY(m_io.write(u64(block) * m_bs + off, kZero, 512));
    return {};
}

Result<u32> Ext2Volume::map(const Ext2InodeDisk& inode, u64 lblock) {
    MapPath p;
    if (!map_path(lblock, m_addr_per_block, p)) return u32(0);
    u32 blk = inode.block[p.slot];
    for (int level = 0; level < p.depth && blk; level++) blk = TRY(read_entry(blk, p.index[level]));
    if (blk && !block_valid(blk)) return corrupt("data block number out of range", blk);
    return blk;
}

Result<u32> Ext2Volume::map_alloc(Ext2InodeDisk& inode, u64 lblock, u32 goal_group, bool& fresh) {
    fresh = false;
    MapPath p;
    if (!map_path(lblock, m_addr_per_block, p)) return Error(EFBIG);
    u32 sectors = m_bs / 512;
    u32 blk = inode.block[p.slot];
    if (!blk) {
        blk = TRY(alloc_block(goal_group));
        if (p.depth) TRY(zero_block(blk));
        else fresh = true;
        inode.block[p.slot] = blk;
        inode.blocks += sectors;
    } else if (!block_valid(blk)) {
        return corrupt("block number out of range in inode", blk);
    }
    for (int level = 0; level < p.depth; level++) {
        u32 next = TRY(read_entry(blk, p.index[level]));
        if (!next) {
            next = TRY(alloc_block(goal_group));
            if (level + 1 < p.depth) TRY(zero_block(next));
            else fresh = true;
            TRY(write_entry(blk, p.index[level], next));
            inode.blocks += sectors;
        } else if (!block_valid(next)) {
            return corrupt("indirect entry out of range", next);
        }
        blk = next;
    }
    return blk;
}

// Frees a whole subtree of the given depth (0: a data block).
Result<void> Ext2Volume::free_tree(u32 block, int depth, u32& freed) {
    if (!block_valid(block)) return corrupt("freeing block out of range", block);
    if (depth > 0) {
        u32* entries = new (std::nothrow) u32[m_addr_per_block];
        if (!entries) return Error(ENOMEM);
        auto r = m_io.read(u64(block) * m_bs, entries, m_bs);
        for (u32 i = 0; r.is_ok() && i < m_addr_per_block; i++)
            if (entries[i]) r = free_tree(entries[i], depth - 1, freed);
        delete[] entries;
        TRY(std::move(r));
    }
    TRY(free_block(block));
    freed++;
    return {};
}

// Frees the blocks of the subtree in slot (covering logical blocks [base, base + span)) at or
// beyond keep. Returns whether the subtree is now empty (and slot was cleared).
Result<bool> Ext2Volume::truncate_tree(u32& slot, int depth, u64 keep, u64 base, u64 span, u32& freed) {
    if (!slot || base + span <= keep) return slot == 0;
    if (keep <= base) {
        TRY(free_tree(slot, depth, freed));
        slot = 0;
        return true;
    }
    // Partly kept: only an indirect block can be here.
    u32* entries = new (std::nothrow) u32[m_addr_per_block];
    if (!entries) return Error(ENOMEM);
    u64 child_span = span / m_addr_per_block;
    bool any = false, changed = false;
    auto r = read_block(slot, entries);
    for (u32 i = 0; r.is_ok() && i < m_addr_per_block; i++) {
        u32 before = entries[i];
        auto sub = truncate_tree(entries[i], depth - 1, keep, base + i * child_span, child_span, freed);
        if (sub.is_error()) {
            r = sub.error();
            break;
        }
        changed |= entries[i] != before;
        any |= entries[i] != 0;
    }
    if (r.is_ok() && changed) r = write_block(slot, entries);
    delete[] entries;
    TRY(std::move(r));
    if (any) return false;
    // Only holes left under it: the indirect block goes too.
    TRY(free_block(slot));
    freed++;
    slot = 0;
    return true;
}

Result<void> Ext2Volume::truncate(Ext2InodeDisk& inode, u32 ino, u64 size) {
    (void)ino;
    if (m_read_only) return Error(EROFS);
    u64 keep = (size + m_bs - 1) / m_bs;
    u32 freed = 0;
    if (!ext2_is_fast_symlink(inode, m_bs)) {
        for (u32 i = 0; i < kExt2NDirBlocks; i++) {
            if (i >= keep && inode.block[i]) {
                u32 b = inode.block[i];
                inode.block[i] = 0;
                TRY(free_block(b));
                freed++;
            }
        }
        u64 a = m_addr_per_block;
        u64 base = kExt2NDirBlocks, span = a;
        for (int depth = 1; depth <= 3; depth++) {
            u32 slot_index = kExt2IndBlock + depth - 1;
            TRY(truncate_tree(inode.block[slot_index], depth, keep, base, span, freed));
            base += span;
            span *= a;
        }
        // The rest of the last block must read as zeros if the file grows again.
        if (size % m_bs) {
            u32 blk = TRY(map(inode, size / m_bs));
            if (blk) {
                u8* buf = new (std::nothrow) u8[m_bs];
                if (!buf) return Error(ENOMEM);
                auto r = read_block(blk, buf);
                if (r.is_ok()) {
                    __builtin_memset(buf + size % m_bs, 0, m_bs - size % m_bs);
                    r = write_block(blk, buf);
                }
                delete[] buf;
                TRY(std::move(r));
            }
        }
    }
    u32 sectors = freed * (m_bs / 512);
    inode.blocks = inode.blocks > sectors ? inode.blocks - sectors : 0;
    ext2_set_size(inode, size);
    return {};
}

Result<usize> Ext2Volume::read_data(const Ext2InodeDisk& inode, u64 offset, void* buf, usize len) {
    u64 size = ext2_size(inode);
    if (offset >= size) return usize(0);
    if (len > size - offset) len = static_cast<usize>(size - offset);
    u8* bounce = new (std::nothrow) u8[m_bs];
    if (!bounce) return Error(ENOMEM);
    usize done = 0;
    Result<void> r;
    while (done < len && r.is_ok()) {
        u64 pos = offset + done;
        u32 in_block = static_cast<u32>(pos % m_bs);
        usize chunk = m_bs - in_block < len - done ? m_bs - in_block : len - done;
        auto blk = map(inode, pos / m_bs);
        if (blk.is_error()) {
            r = blk.error();
            break;
        }
        if (blk.value()) {
            r = read_block(blk.value(), bounce);
            if (r.is_error()) break;
            __builtin_memcpy(static_cast<u8*>(buf) + done, bounce + in_block, chunk);
        } else {
            __builtin_memset(static_cast<u8*>(buf) + done, 0, chunk);
        }
        done += chunk;
    }
    delete[] bounce;
    TRY(std::move(r));
    return done;
}

Result<usize> Ext2Volume::write_data(Ext2InodeDisk& inode, u32 ino, u64 offset, const void* buf, usize len) {
    if (m_read_only) return Error(EROFS);
    u64 end;
    if (__builtin_add_overflow(offset, len, &end) || end > max_file_size()) return Error(EFBIG);
    u8* bounce = new (std::nothrow) u8[m_bs];
    if (!bounce) return Error(ENOMEM);
    usize done = 0;
    Result<void> r;
    u32 goal = group_of_inode(ino);
    while (done < len) {
        u64 pos = offset + done;
        u32 in_block = static_cast<u32>(pos % m_bs);
        usize chunk = m_bs - in_block < len - done ? m_bs - in_block : len - done;
        bool fresh;
        auto blk = map_alloc(inode, pos / m_bs, goal, fresh);
        if (blk.is_error()) {
            r = blk.error();
            break;
        }
        if (chunk < m_bs) {
            if (fresh) __builtin_memset(bounce, 0, m_bs);
            else if ((r = read_block(blk.value(), bounce)).is_error()) break;
        }
        __builtin_memcpy(bounce + in_block, static_cast<const u8*>(buf) + done, chunk);
        if ((r = write_block(blk.value(), bounce)).is_error()) break;
        done += chunk;
        if (pos + chunk > ext2_size(inode)) ext2_set_size(inode, pos + chunk);
    }
    delete[] bounce;
    if (done == 0) TRY(std::move(r));
    note_file_size(ext2_size(inode));
    return done;
}
