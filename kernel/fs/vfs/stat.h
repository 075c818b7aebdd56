// SPDX-License-Identifier: MIT
// stat(2), statx(2) and statfs(2) answers from an inode: the UAPI structures (x86_64 layout) with
// their sizes checked at compile time.
#pragma once

#include "abi/linux/uapi.h"
#include "fs/vfs/mount.h"

void fill_stat(const Inode& inode, struct stat& out);
// request_mask is statx's mask argument; Aramid always has the basic fields, and adds
// STATX_MNT_ID when mnt is given.
void fill_statx(const Inode& inode, const Mount* mnt, u32 request_mask, struct statx& out);
// statfs of the file system holding inode; mnt (optional) contributes the ST_* mount flags.
void fill_statfs(SuperBlock& sb, const Mount* mnt, struct statfs& out);
