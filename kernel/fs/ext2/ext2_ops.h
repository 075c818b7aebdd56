// SPDX-License-Identifier: MIT
// Name-space operations on an Ext2Volume, as one step each: every inode they touch is passed in
// (the kernel passes its cached copies) and written back before they return. Times are the
// caller's "now". Permission and existence checks are the VFS's; these keep the link counts,
// "..", the directory-count statistics and the entries consistent. Pure: host-tested.
#pragma once

#include "fs/ext2/ext2_volume.h"

struct Ext2Now {
    i64 sec;
    u32 nsec;
};

struct Ext2Node {
    u32 ino;
    Ext2InodeDisk* d;
};

void ext2_touch(Ext2Volume& v, Ext2InodeDisk& i, Ext2Now now, bool mtime, bool ctime);

// A new inode of any type (regular, directory, device, FIFO, socket; a symlink gets its target
// from ext2_symlink) named name in dir. out.d receives the inode; returns its number.
Result<u32> ext2_create(Ext2Volume& v, Ext2Node dir, StringView name, u32 mode, u32 uid, u32 gid, u32 rdev,
                        Ext2InodeDisk& out, Ext2Now now);
Result<u32> ext2_symlink(Ext2Volume& v, Ext2Node dir, StringView name, StringView target, u32 uid, u32 gid,
                         Ext2InodeDisk& out, Ext2Now now);
// O_TMPFILE: a regular file with no name and no links (freed like an unlinked one unless linkat
// names it).
Result<u32> ext2_create_unnamed(Ext2Volume& v, u32 dir_ino, u32 mode, u32 uid, u32 gid, Ext2InodeDisk& out,
                                Ext2Now now);
// Removes the entry; the victim's link count drops (to 0 for an empty directory, whose parent
// loses its ".." link). The caller frees a victim left with no links and no users.
Result<void> ext2_unlink(Ext2Volume& v, Ext2Node dir, StringView name, Ext2Node victim, Ext2Now now);
Result<void> ext2_rmdir(Ext2Volume& v, Ext2Node dir, StringView name, Ext2Node victim, Ext2Now now);
Result<void> ext2_link(Ext2Volume& v, Ext2Node dir, StringView name, Ext2Node target, Ext2Now now);
// Moves old_name (node src) from old_dir to new_name in new_dir, replacing target when it is
// given (its link count drops as for unlink/rmdir). A moved directory's ".." follows.
// old_dir and new_dir may be the same inode (pass the same pointer).
Result<void> ext2_rename(Ext2Volume& v, Ext2Node old_dir, StringView old_name, Ext2Node new_dir, StringView new_name,
                         Ext2Node src, Ext2Node* target, Ext2Now now);
// RENAME_EXCHANGE: the two entries swap inodes.
Result<void> ext2_exchange(Ext2Volume& v, Ext2Node old_dir, StringView old_name, Ext2Node new_dir, StringView new_name,
                           Ext2Node a, Ext2Node b, Ext2Now now);

// Device numbers in i_block: the old 16-bit encoding in block[0] when it fits, else the new
// 32-bit one in block[1] (as Linux).
u32 ext2_decode_rdev(const Ext2InodeDisk& i);   // major << 20 | minor
void ext2_encode_rdev(Ext2InodeDisk& i, u32 major, u32 minor);

// The target of a symlink (fast: in i_block; slow: in its data block), into buf (size bytes).
Result<usize> ext2_readlink(Ext2Volume& v, const Ext2InodeDisk& i, char* buf, usize size);
