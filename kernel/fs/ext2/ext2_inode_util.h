// SPDX-License-Identifier: MIT
// Field helpers for on-disk inodes: 64-bit sizes, 32-bit ids, nanosecond timestamps of large
// inodes. Pure.
#pragma once

#include "fs/ext2/ext2_format.h"

inline bool ext2_is_reg(const Ext2InodeDisk& i) { return (i.mode & 0170000) == 0100000; }
inline bool ext2_is_dir(const Ext2InodeDisk& i) { return (i.mode & 0170000) == 0040000; }

// i_size_high holds the upper size bits of regular files (large_file); older directories used
// it for an ACL, so it only counts for regular files.
inline u64 ext2_size(const Ext2InodeDisk& i) {
    return ext2_is_reg(i) ? (u64(i.size_high) << 32 | i.size) : i.size;
}
inline void ext2_set_size(Ext2InodeDisk& i, u64 size) {
    i.size = static_cast<u32>(size);
    if (ext2_is_reg(i)) i.size_high = static_cast<u32>(size >> 32);
}
inline u32 ext2_uid(const Ext2InodeDisk& i) { return u32(i.uid_high) << 16 | i.uid; }
inline u32 ext2_gid(const Ext2InodeDisk& i) { return u32(i.gid_high) << 16 | i.gid; }
inline void ext2_set_ids(Ext2InodeDisk& i, u32 uid, u32 gid) {
    i.uid = static_cast<u16>(uid);
    i.uid_high = static_cast<u16>(uid >> 16);
    i.gid = static_cast<u16>(gid);
    i.gid_high = static_cast<u16>(gid >> 16);
}

// A symlink whose target sits in i_block (no data block; an extended-attribute block may still
// count in i_blocks). linux: ext2_inode_is_fast_symlink.
inline bool ext2_is_fast_symlink(const Ext2InodeDisk& i, u32 block_size) {
    if ((i.mode & 0170000) != 0120000) return false;
    u32 ea = i.file_acl ? block_size / 512 : 0;
    return i.blocks - ea == 0;
}

// Timestamps: seconds are signed 32-bit; a large inode's *_extra word holds the nanoseconds
// (upper 30 bits) and two epoch bits extending the seconds.
inline i64 ext2_time_sec(u32 lo, u32 extra, bool has_extra) {
    i64 s = i32(lo);
    if (has_extra) s += i64(extra & 3) << 32;
    return s;
}
inline u32 ext2_time_nsec(u32 extra, bool has_extra) { return has_extra ? extra >> 2 : 0; }
inline u32 ext2_time_extra(i64 sec, u32 nsec) {
    return (nsec << 2) | static_cast<u32>(((sec - i64(i32(static_cast<u32>(sec)))) >> 32) & 3);
}
