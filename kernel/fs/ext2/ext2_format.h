// SPDX-License-Identifier: MIT
// The ext2 on-disk format (revision 0 and 1): superblock, group descriptor, inode and directory
// entry layouts, all little-endian (x86 reads them in place). Layouts follow the published
// format description (e2fsprogs' ext2_fs.h documents the same fields). Pure: host-tested.
#pragma once

#include "lib/types.h"

constexpr u16 kExt2Magic = 0xEF53;
constexpr u64 kExt2SuperOffset = 1024;
constexpr u32 kExt2RootIno = 2;
constexpr u32 kExt2GoodOldFirstIno = 11;   // revision 0: inodes 1..10 are reserved
constexpr u16 kExt2GoodOldInodeSize = 128;
constexpr u32 kExt2NDirBlocks = 12;
constexpr u32 kExt2IndBlock = 12, kExt2DindBlock = 13, kExt2TindBlock = 14, kExt2NBlocks = 15;
constexpr u32 kExt2NameLen = 255;

// s_state
constexpr u16 kExt2ValidFs = 1, kExt2ErrorFs = 2;

// Features. COMPAT ones change nothing a reader must know; INCOMPAT ones must be understood to
// mount at all; RO_COMPAT ones must be understood to write.
constexpr u32 kCompatDirPrealloc = 0x1, kCompatImagicInodes = 0x2, kCompatHasJournal = 0x4, kCompatExtAttr = 0x8,
              kCompatResizeInode = 0x10, kCompatDirIndex = 0x20;
constexpr u32 kIncompatCompression = 0x1, kIncompatFiletype = 0x2, kIncompatRecover = 0x4,
              kIncompatJournalDev = 0x8, kIncompatMetaBg = 0x10, kIncompatExtents = 0x40, kIncompat64bit = 0x80;
constexpr u32 kRoCompatSparseSuper = 0x1, kRoCompatLargeFile = 0x2, kRoCompatBtreeDir = 0x4;
// What this driver implements (linux ext2: EXT2_FEATURE_INCOMPAT_SUPP / RO_COMPAT_SUPP).
constexpr u32 kIncompatSupported = kIncompatFiletype | kIncompatMetaBg;
constexpr u32 kRoCompatSupported = kRoCompatSparseSuper | kRoCompatLargeFile | kRoCompatBtreeDir;

// i_flags
constexpr u32 kExt2IndexFl = 0x1000;   // hashed-index directory

// Directory entry file types (the filetype feature).
enum : u8 { kFtUnknown = 0, kFtReg = 1, kFtDir = 2, kFtChr = 3, kFtBlk = 4, kFtFifo = 5, kFtSock = 6, kFtSymlink = 7 };

struct Ext2SuperBlockDisk {
    u32 inodes_count;
    u32 blocks_count;
    u32 r_blocks_count;
    u32 free_blocks_count;
    u32 free_inodes_count;
    u32 first_data_block;
    u32 log_block_size;
    u32 log_frag_size;
    u32 blocks_per_group;
    u32 frags_per_group;
    u32 inodes_per_group;
    u32 mtime;
    u32 wtime;
    u16 mnt_count;
    i16 max_mnt_count;
    u16 magic;
    u16 state;
    u16 errors;
    u16 minor_rev_level;
    u32 lastcheck;
    u32 checkinterval;
    u32 creator_os;
    u32 rev_level;
    u16 def_resuid;
    u16 def_resgid;
    // revision 1 (dynamic) only
    u32 first_ino;
    u16 inode_size;
    u16 block_group_nr;
    u32 feature_compat;
    u32 feature_incompat;
    u32 feature_ro_compat;
    u8 uuid[16];
    char volume_name[16];
    char last_mounted[64];
    u32 algorithm_usage_bitmap;
    u8 prealloc_blocks;
    u8 prealloc_dir_blocks;
    u16 reserved_gdt_blocks;
    u8 journal_uuid[16];
    u32 journal_inum;
    u32 journal_dev;
    u32 last_orphan;
    u32 hash_seed[4];
    u8 def_hash_version;
    u8 jnl_backup_type;
    u16 desc_size;
    u32 default_mount_opts;
    u32 first_meta_bg;
    u32 mkfs_time;
    u32 jnl_blocks[17];
    u32 blocks_count_hi;
    u32 r_blocks_count_hi;
    u32 free_blocks_hi;
    u16 min_extra_isize;
    u16 want_extra_isize;
    u8 rest[1024 - 352];
};
static_assert(sizeof(Ext2SuperBlockDisk) == 1024);
static_assert(__builtin_offsetof(Ext2SuperBlockDisk, magic) == 56);
static_assert(__builtin_offsetof(Ext2SuperBlockDisk, first_ino) == 84);
static_assert(__builtin_offsetof(Ext2SuperBlockDisk, feature_incompat) == 96);
static_assert(__builtin_offsetof(Ext2SuperBlockDisk, uuid) == 104);
static_assert(__builtin_offsetof(Ext2SuperBlockDisk, reserved_gdt_blocks) == 206);
static_assert(__builtin_offsetof(Ext2SuperBlockDisk, mkfs_time) == 264);
static_assert(__builtin_offsetof(Ext2SuperBlockDisk, want_extra_isize) == 350);

struct Ext2GroupDesc {
    u32 block_bitmap;
    u32 inode_bitmap;
    u32 inode_table;
    u16 free_blocks_count;
    u16 free_inodes_count;
    u16 used_dirs_count;
    u16 flags;
    u8 reserved[12];
};
static_assert(sizeof(Ext2GroupDesc) == 32);

struct Ext2InodeDisk {
    u16 mode;
    u16 uid;
    u32 size;
    u32 atime;
    u32 ctime;
    u32 mtime;
    u32 dtime;
    u16 gid;
    u16 links_count;
    u32 blocks;   // 512-byte units, indirect blocks included
    u32 flags;
    u32 osd1;
    u32 block[kExt2NBlocks];
    u32 generation;
    u32 file_acl;
    u32 size_high;   // i_dir_acl in revision 0 (always 0 for directories here)
    u32 faddr;
    u16 blocks_hi;
    u16 file_acl_high;
    u16 uid_high;
    u16 gid_high;
    u32 reserved2;
    // large (256-byte) inodes only, when extra_isize covers them
    u16 extra_isize;
    u16 checksum_hi;
    u32 ctime_extra;
    u32 mtime_extra;
    u32 atime_extra;
    u32 crtime;
    u32 crtime_extra;
    u32 version_hi;
    u32 projid;
};
static_assert(sizeof(Ext2InodeDisk) == 160);
static_assert(__builtin_offsetof(Ext2InodeDisk, block) == 40);
static_assert(__builtin_offsetof(Ext2InodeDisk, size_high) == 108);
static_assert(__builtin_offsetof(Ext2InodeDisk, uid_high) == 120);
static_assert(__builtin_offsetof(Ext2InodeDisk, extra_isize) == 128);
static_assert(__builtin_offsetof(Ext2InodeDisk, crtime) == 144);
constexpr u16 kExt2WantExtraIsize = 32;   // the extra fields through crtime_extra + version_hi

// A directory entry's fixed part; the name follows (not NUL-terminated), the record is padded
// to a multiple of 4. Without the filetype feature name_len is 16 bits wide.
struct Ext2DirEntryHead {
    u32 inode;
    u16 rec_len;
    u8 name_len;
    u8 file_type;
};
static_assert(sizeof(Ext2DirEntryHead) == 8);
constexpr u32 ext2_rec_len(u32 name_len) { return (8 + name_len + 3) & ~3u; }
