// SPDX-License-Identifier: MIT
// Files without a name in any file system (eventfd, timerfd, signalfd, later epoll): Linux's
// anon_inode_getfile(). Every such file of one kind shares one inode whose file system is
// named after the kind, so /proc/<pid>/fd shows "anon_inode:[timerfd]" as on Linux, and fstat
// gives mode 0600 with no file type, as Linux's anonymous inode.
#pragma once

#include "fs/vfs/file.h"

// A new file description on kind's inode with the given (static) ops and open flags.
// private_data is set before the File is returned; ops.release() must free it. When this
// fails, private_data is not taken: the caller still owns it. kind is a string literal.
Result<RefPtr<File>> anon_inode_file(const char* kind, FileOps& ops, void* private_data, u32 flags);
