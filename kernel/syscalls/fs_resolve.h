// SPDX-License-Identifier: MIT
// openat2(2)'s RESOLVE_* restrictions. The VFS walk has no scoping flags, so openat2 first walks
// the path here, component by component and expanding symlinks itself, to reject what the flags
// forbid (ELOOP for a symlink under RESOLVE_NO_SYMLINKS, EXDEV for a mount crossing under
// RESOLVE_NO_XDEV or an escape from the starting directory under RESOLVE_BENEATH), then the
// normal open walks it again with the root set to the starting directory (RESOLVE_IN_ROOT,
// RESOLVE_BENEATH), which confines "..", absolute paths and absolute symlinks as Linux does.
//
// LINUX-DIVERGENCE: the check and the open are two walks, so a rename racing between them can
// defeat RESOLVE_BENEATH / RESOLVE_NO_SYMLINKS (Linux checks during its single walk). With the
// root confined, a RESOLVE_BENEATH/IN_ROOT walk still cannot leave the start directory.
// Errors other than the RESOLVE_* ones (ENOENT, EACCES, ENOTDIR...) are left to the real walk.
#pragma once

#include "fs/vfs/walk.h"

// ctx.root: the scope root (the start directory for BENEATH/IN_ROOT, else the process root);
// ctx.cwd: where relative paths start. follow_last: a final symlink is followed.
Result<void> resolve_check(const WalkContext& ctx, StringView path, u64 resolve_flags, bool follow_last);
