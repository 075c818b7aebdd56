// SPDX-License-Identifier: MIT
// posix_fadvise (fadvise64) and readahead: Aramid keeps whole files in the page cache, so the
// hints change nothing; what a program sees is which descriptors and arguments are accepted.
// linux: mm/fadvise.c (generic_fadvise: the no-op backing device path), mm/readahead.c.
#include "abi/linux/uapi.h"
#include "syscalls/fs_common.h"
#include "syscalls/handlers.h"

namespace {

Result<void> check_fadvise(File& f, i64 len, int advice) {
    if (S_ISFIFO(f.inode().mode())) return Error(ESPIPE);
    if (len < 0) return Error(EINVAL);
    if (advice < POSIX_FADV_NORMAL || advice > POSIX_FADV_NOREUSE) return Error(EINVAL);
    return {};
}

}  // namespace

SyscallResult sys_fadvise64(int fd, i64 offset, i64 len, int advice) {
    (void)offset;   // any offset is accepted, negative ones too
    return with_fd(fd, [&](File& f) -> SyscallResult {
        TRY(check_fadvise(f, len, advice));
        return 0;
    });
}

SyscallResult sys_readahead(int fd, i64 offset, usize count) {
    (void)offset;
    return with_fd(fd, [&](File& f) -> SyscallResult {
        if (!f.readable()) return Error(EBADF);
        if (!f.inode().is_reg()) return Error(EINVAL);
        TRY(check_fadvise(f, static_cast<i64>(count), POSIX_FADV_WILLNEED));
        return 0;
    });
}
