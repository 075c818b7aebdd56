// SPDX-License-Identifier: MIT
// Unpacking the initramfs (a cpio newc archive) into a directory tree, as Linux's
// init/initramfs.c: directories, regular files, symlinks, device nodes, FIFOs and sockets with
// their mode, owner and mtime (directories get theirs at the end, after their contents), hard
// links for entries that share an inode number (nlink > 1), concatenated archives, and an entry
// whose type changed replacing the old one. A corrupt archive stops the unpacking with a log line
// and EINVAL; what was unpacked before stays.
#pragma once

#include "fs/vfs/dentry.h"

struct InitramfsStats {
    unsigned entries;    // archive entries processed (trailers not counted)
    unsigned dirs, files, symlinks, nodes, hardlinks;
    unsigned failed;     // entries that could not be created (logged)
    u64 bytes;           // file data written
};

Result<void> initramfs_unpack(const u8* data, usize size, RefPtr<Dentry> root, const Credentials& creds,
                              InitramfsStats* stats = nullptr);
