// SPDX-License-Identifier: MIT
// Helpers the file syscalls share: the walk context of the calling process, dirfd handling.
#pragma once

#include "fs/vfs/walk.h"

// The path relative lookups of `path` start from: the cwd for AT_FDCWD or an absolute path, else
// the directory open at dirfd (EBADF, ENOTDIR).
Result<Path> dirfd_base(int dirfd, StringView path);
// A walk context for the calling process starting at `base`.
WalkContext walk_context(const Path& base);
