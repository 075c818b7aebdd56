// SPDX-License-Identifier: MIT
// What a write to a regular file must respect that depends on the caller, as Linux applies it:
// RLIMIT_FSIZE (generic_write_check_limits, inode_newsize_ok) and the loss of set-user-ID and
// set-group-ID bits when an unprivileged process writes (file_remove_privs). The file layer asks,
// the process layer answers (and raises SIGXFSZ).
#pragma once

#include "lib/result.h"

// A write of count bytes at pos: the count that fits below the limit, or EFBIG (after SIGXFSZ
// to the calling thread) when pos is already at or past it.
Result<usize> file_size_limit_clamp(u64 pos, usize count);
// A size change to new_size (growing only): EFBIG with SIGXFSZ when it passes the limit.
Result<void> file_size_limit_check(u64 new_size);

// The mode a regular file keeps after the caller writes to it: S_ISUID and group-executable
// S_ISGID are dropped unless the caller has CAP_FSETID.
u32 file_mode_after_write(u32 mode);
