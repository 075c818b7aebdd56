// SPDX-License-Identifier: MIT
// Directories: linked entries in whole blocks, each record's rec_len reaching the next and the
// last one the end of its block. A directory with a hashed index (dir_index) is read linearly
// (the index root block looks like one empty entry to linear readers), and any change clears
// its index flag, as Linux's ext2 leaves such directories to e2fsck -D to re-index.
#include <new>

#include "fs/ext2/ext2_inode_util.h"
#include "fs/ext2/ext2_volume.h"

namespace {

// One directory block in a heap buffer, freed on every path.
struct BlockBuf {
    u8* p;
    explicit BlockBuf(u32 bs) : p(new (std::nothrow) u8[bs]) {}
    ~BlockBuf() { delete[] p; }
    BlockBuf(const BlockBuf&) = delete;
    BlockBuf& operator=(const BlockBuf&) = delete;
};

Ext2DirEntryHead* entry_at(u8* blk, u32 off) { return reinterpret_cast<Ext2DirEntryHead*>(blk + off); }
const char* entry_name(Ext2DirEntryHead* e) { return reinterpret_cast<const char*>(e + 1); }

}  // namespace

u32 Ext2Volume::entry_name_len(const Ext2DirEntryHead* e) const {
    return has_filetype() ? e->name_len : (u32(e->file_type) << 8 | e->name_len);
}

Result<void> Ext2Volume::check_dir_block(const u8* blk, u32 lblock) {
    u32 off = 0;
    while (off < m_bs) {
        if (m_bs - off < 12) return corrupt("directory entry crosses the block end, dir block", lblock);
        auto* e = reinterpret_cast<const Ext2DirEntryHead*>(blk + off);
        u32 len = entry_name_len(e);
        if (e->rec_len < 12 || e->rec_len % 4 || e->rec_len > m_bs - off)
            return corrupt("bad directory entry rec_len, dir block", lblock);
        if (ext2_rec_len(len) > e->rec_len) return corrupt("directory entry name too long, dir block", lblock);
        if (e->inode > m_sb.inodes_count) return corrupt("directory entry inode out of range", e->inode);
        off += e->rec_len;
    }
    return {};
}

// Reads directory block lblock of dir into buf and checks it.
#define EXT2_READ_DIR_BLOCK(dir, lblock, buf)                                                                   \
    do {                                                                                                       \
        u32 phys_ = TRY(map(dir, lblock));                                                                     \
        if (!phys_) return corrupt("hole in directory, block", lblock);                                       \
        TRY(read_block(phys_, buf));                                                                           \
        TRY(check_dir_block(buf, static_cast<u32>(lblock)));                                                   \
    } while (0)

Result<u32> Ext2Volume::dir_lookup(const Ext2InodeDisk& dir, StringView name, u8* file_type) {
    BlockBuf b(m_bs);
    if (!b.p) return Error(ENOMEM);
    u64 lb;
    u32 off, prev;
    auto r = dir_find(dir, name, b.p, lb, off, prev);
    if (r.is_error()) return r.error_code() == ENOENT ? Result<u32>(u32(0)) : Result<u32>(r.error());
    auto* e = entry_at(b.p, off);
    if (file_type) *file_type = has_filetype() ? e->file_type : u8(kFtUnknown);
    return e->inode;
}

Result<void> Ext2Volume::dir_add(Ext2InodeDisk& dir, u32 dir_ino, StringView name, u32 ino, u8 file_type) {
    if (name.length() == 0 || name.length() > kExt2NameLen) return Error(ENAMETOOLONG);
    BlockBuf b(m_bs);
    if (!b.p) return Error(ENOMEM);
    u32 need = ext2_rec_len(static_cast<u32>(name.length()));
    dir.flags &= ~kExt2IndexFl;
    u64 nblocks = ext2_size(dir) / m_bs;
    auto fill = [&](Ext2DirEntryHead* e) {
        e->inode = ino;
        e->name_len = static_cast<u8>(name.length());
        e->file_type = has_filetype() ? file_type : 0;
        __builtin_memcpy(e + 1, name.data(), name.length());
    };
    for (u64 lb = 0; lb < nblocks; lb++) {
        EXT2_READ_DIR_BLOCK(dir, lb, b.p);
        for (u32 off = 0; off < m_bs; off += entry_at(b.p, off)->rec_len) {
            auto* e = entry_at(b.p, off);
            u32 used = e->inode ? ext2_rec_len(entry_name_len(e)) : 0;
            if (e->rec_len - used < need) continue;
            if (used) {
                auto* n = entry_at(b.p, off + used);
                n->rec_len = static_cast<u16>(e->rec_len - used);
                e->rec_len = static_cast<u16>(used);
                e = n;
            }
            fill(e);
            return write_block(TRY(map(dir, lb)), b.p);
        }
    }
    // No room: a new block holding just this entry.
    bool fresh;
    u32 phys = TRY(map_alloc(dir, nblocks, group_of_inode(dir_ino), fresh));
    __builtin_memset(b.p, 0, m_bs);
    auto* e = entry_at(b.p, 0);
    e->rec_len = static_cast<u16>(m_bs);
    fill(e);
    TRY(write_block(phys, b.p));
    ext2_set_size(dir, (nblocks + 1) * m_bs);
    return {};
}

// Finds name; on success the block is in buf, and *prev_off is the previous entry's offset in
// the block (~0u for the first).
Result<void> Ext2Volume::dir_find(const Ext2InodeDisk& dir, StringView name, u8* buf, u64& lblock, u32& off,
                                  u32& prev_off) {
    u64 nblocks = ext2_size(dir) / m_bs;
    for (u64 lb = 0; lb < nblocks; lb++) {
        EXT2_READ_DIR_BLOCK(dir, lb, buf);
        u32 prev = ~0u;
        for (u32 o = 0; o < m_bs; prev = o, o += entry_at(buf, o)->rec_len) {
            auto* e = entry_at(buf, o);
            if (e->inode && entry_name_len(e) == name.length() &&
                __builtin_memcmp(entry_name(e), name.data(), name.length()) == 0) {
                lblock = lb;
                off = o;
                prev_off = prev;
                return {};
            }
        }
    }
    return Error(ENOENT);
}

// Finds name's entry, lets change(block, offset, previous offset or ~0u) edit its block in
// place and writes the block back. The directory loses its index flag (it is changed linearly).
template <typename Change>
Result<void> Ext2Volume::dir_edit(Ext2InodeDisk& dir, StringView name, Change change) {
    BlockBuf b(m_bs);
    if (!b.p) return Error(ENOMEM);
    u64 lb;
    u32 off, prev;
    TRY(dir_find(dir, name, b.p, lb, off, prev));
    dir.flags &= ~kExt2IndexFl;
    change(b.p, off, prev);
    return write_block(TRY(map(dir, lb)), b.p);
}

Result<void> Ext2Volume::dir_remove(Ext2InodeDisk& dir, StringView name) {
    return dir_edit(dir, name, [](u8* blk, u32 off, u32 prev) {
        auto* e = entry_at(blk, off);
        if (prev != ~0u) entry_at(blk, prev)->rec_len = static_cast<u16>(entry_at(blk, prev)->rec_len + e->rec_len);
        else e->inode = 0;
    });
}

Result<void> Ext2Volume::dir_set(Ext2InodeDisk& dir, StringView name, u32 ino, u8 file_type) {
    return dir_edit(dir, name, [&](u8* blk, u32 off, u32) {
        auto* e = entry_at(blk, off);
        e->inode = ino;
        if (has_filetype()) e->file_type = file_type;
    });
}

Result<bool> Ext2Volume::dir_empty(const Ext2InodeDisk& dir) {
    BlockBuf b(m_bs);
    if (!b.p) return Error(ENOMEM);
    u64 nblocks = ext2_size(dir) / m_bs;
    for (u64 lb = 0; lb < nblocks; lb++) {
        EXT2_READ_DIR_BLOCK(dir, lb, b.p);
        for (u32 off = 0; off < m_bs; off += entry_at(b.p, off)->rec_len) {
            auto* e = entry_at(b.p, off);
            if (!e->inode) continue;
            StringView n(entry_name(e), entry_name_len(e));
            if (n != "." && n != "..") return false;
        }
    }
    return true;
}

Result<void> Ext2Volume::dir_iterate(const Ext2InodeDisk& dir, u64& pos, Ext2DirVisitor& v) {
    BlockBuf b(m_bs);
    if (!b.p) return Error(ENOMEM);
    u64 size = ext2_size(dir);
    while (pos < size) {
        u64 lb = pos / m_bs;
        EXT2_READ_DIR_BLOCK(dir, lb, b.p);
        u32 want = static_cast<u32>(pos % m_bs);
        // A position saved before the block changed may fall inside a record: resume at the
        // first record starting at or after it (linux: ext2_validate_entry).
        for (u32 off = 0; off < m_bs; off += entry_at(b.p, off)->rec_len) {
            if (off < want) continue;
            auto* e = entry_at(b.p, off);
            u64 next = lb * m_bs + off + e->rec_len;
            if (e->inode) {
                u8 ft = has_filetype() ? e->file_type : u8(kFtUnknown);
                if (!v.entry(StringView(entry_name(e), entry_name_len(e)), e->inode, ft, next)) return {};
            }
            pos = next;
        }
        pos = (lb + 1) * m_bs;
    }
    return {};
}

Result<void> Ext2Volume::dir_init(Ext2InodeDisk& dir, u32 ino, u32 parent_ino) {
    BlockBuf b(m_bs);
    if (!b.p) return Error(ENOMEM);
    bool fresh;
    u32 phys = TRY(map_alloc(dir, 0, group_of_inode(ino), fresh));
    __builtin_memset(b.p, 0, m_bs);
    auto* dot = entry_at(b.p, 0);
    dot->inode = ino;
    dot->rec_len = 12;
    dot->name_len = 1;
    dot->file_type = has_filetype() ? u8(kFtDir) : u8(0);
    reinterpret_cast<char*>(dot + 1)[0] = '.';
    auto* dotdot = entry_at(b.p, 12);
    dotdot->inode = parent_ino;
    dotdot->rec_len = static_cast<u16>(m_bs - 12);
    dotdot->name_len = 2;
    dotdot->file_type = has_filetype() ? u8(kFtDir) : u8(0);
    __builtin_memcpy(dotdot + 1, "..", 2);
    TRY(write_block(phys, b.p));
    ext2_set_size(dir, m_bs);
    return {};
}
