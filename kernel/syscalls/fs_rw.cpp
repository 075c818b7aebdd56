// SPDX-License-Identifier: MIT
// read, write, pread64, pwrite64, readv, writev, preadv, pwritev, preadv2, pwritev2 and lseek.
// Error order as Linux's fs/read_write.c: the descriptor (EBADF, O_PATH included), a positional
// offset (EINVAL before the descriptor for pread/pwrite/preadv), ESPIPE, the iovec array, the
// access mode (EBADF), the buffer range (EFAULT), then the file's own answer.
#include "abi/linux/uapi.h"
#include "syscalls/fs_common.h"
#include "syscalls/fs_iov.h"
#include "syscalls/handlers.h"

namespace {

constexpr u32 kSeekMax = SEEK_HOLE;   // linux: SEEK_MAX

[[gnu::always_inline]] inline SyscallResult do_rw(Fd fd, uptr buf, usize count, IoDirection dir) {
    // By value: the fast path then keeps the arguments in registers (no address taken).
    return with_fd(fd, [=](File& f) __attribute__((always_inline)) -> SyscallResult {
        if (dir == IoDirection::Read ? !f.readable() : !f.writable()) return Error(EBADF);
        if (!user_range_ok(buf, count)) return Error(EFAULT);   // linux: access_ok() in vfs_read
        IoBuffer b = IoBuffer::user(buf, count);
        return TRY(dir == IoDirection::Read ? f.read(b) : f.write(b));
    });
}

SyscallResult do_prw(Fd fd, uptr buf, usize count, i64 offset, IoDirection dir) {
    if (offset < 0) return Error(EINVAL);
    return with_fd(fd, [=](File& f) __attribute__((always_inline)) -> SyscallResult {
        if (!f.positional()) return Error(ESPIPE);
        if (dir == IoDirection::Read ? !f.readable() : !f.writable()) return Error(EBADF);
        if (!user_range_ok(buf, count)) return Error(EFAULT);
        IoBuffer b = IoBuffer::user(buf, count);
        u64 pos = static_cast<u64>(offset);
        return TRY(dir == IoDirection::Read ? f.pread(b, pos) : f.pwrite(b, pos));
    });
}

// RWF_* flags of preadv2/pwritev2. linux: kiocb_set_rw_flags().
Result<void> check_rw_flags(u64 flags, IoDirection dir) {
    if (flags & ~u64(RWF_SUPPORTED)) return Error(EOPNOTSUPP);
    // LINUX-DIVERGENCE: RWF_NOWAIT needs FMODE_NOWAIT, which no Aramid file has yet.
    if (flags & RWF_NOWAIT) return Error(EOPNOTSUPP);
    if ((flags & RWF_APPEND) && dir == IoDirection::Read) return {};   // ignored for reads
    return {};   // RWF_HIPRI, RWF_DSYNC, RWF_SYNC: nothing to wait for on memory file systems
}

// readv/writev (pos null) and preadv/pwritev (pos set). linux: do_readv(), do_preadv(),
// vfs_readv(), do_iter_read().
SyscallResult do_vector(Fd fd, uptr uvec, u64 count, const i64* pos, u64 flags, IoDirection dir) {
    if (pos && *pos < 0) return Error(EINVAL);
    return with_fd(fd, [&](File& f) __attribute__((always_inline)) -> SyscallResult {
        if (pos && !f.positional()) return Error(ESPIPE);
        IoVector v;
        TRY(v.import(uvec, count));
        if (dir == IoDirection::Read ? !f.readable() : !f.writable()) return Error(EBADF);
        if (v.total() == 0) return 0;
        TRY(check_rw_flags(flags, dir));
        if ((flags & RWF_APPEND) && dir == IoDirection::Write && f.inode().is_reg() && f.positional()) {
            // Written at the end; with the file offset, the offset then follows (IOCB_APPEND).
            u64 at = f.inode().size();
            usize n = TRY(vector_io(f, v, dir, &at));
            if (!pos) (void)f.lseek(static_cast<i64>(at + n), SEEK_SET);
            return n;
        }
        u64 p = pos ? static_cast<u64>(*pos) : 0;
        return TRY(vector_io(f, v, dir, pos ? &p : nullptr));
    });
}

// preadv2/pwritev2: an offset of -1 means the file offset.
SyscallResult do_vector2(Fd fd, uptr uvec, u64 count, i64 pos, u64 flags, IoDirection dir) {
    if (pos == -1) return do_vector(fd, uvec, count, nullptr, flags, dir);
    return do_vector(fd, uvec, count, &pos, flags, dir);
}

}  // namespace

SyscallResult sys_read(Fd fd, UserPtr<void> buf, usize count) { return do_rw(fd, buf.addr(), count, IoDirection::Read); }

SyscallResult sys_write(Fd fd, UserPtr<const void> buf, usize count) {
    return do_rw(fd, buf.addr(), count, IoDirection::Write);
}

SyscallResult sys_pread64(Fd fd, UserPtr<void> buf, usize count, i64 offset) {
    return do_prw(fd, buf.addr(), count, offset, IoDirection::Read);
}

SyscallResult sys_pwrite64(Fd fd, UserPtr<const void> buf, usize count, i64 offset) {
    return do_prw(fd, buf.addr(), count, offset, IoDirection::Write);
}

SyscallResult sys_readv(Fd fd, UserPtr<const void> iov, u64 iovcnt) {
    return do_vector(fd, iov.addr(), iovcnt, nullptr, 0, IoDirection::Read);
}

SyscallResult sys_writev(Fd fd, UserPtr<const void> iov, u64 iovcnt) {
    return do_vector(fd, iov.addr(), iovcnt, nullptr, 0, IoDirection::Write);
}

// On x86_64 the whole offset is in pos_low (linux: pos_from_hilo() shifts pos_high out).
SyscallResult sys_preadv(Fd fd, UserPtr<const void> iov, u64 iovcnt, i64 pos_low, i64) {
    return do_vector(fd, iov.addr(), iovcnt, &pos_low, 0, IoDirection::Read);
}

SyscallResult sys_pwritev(Fd fd, UserPtr<const void> iov, u64 iovcnt, i64 pos_low, i64) {
    return do_vector(fd, iov.addr(), iovcnt, &pos_low, 0, IoDirection::Write);
}

SyscallResult sys_preadv2(Fd fd, UserPtr<const void> iov, u64 iovcnt, i64 pos_low, i64, Flags flags) {
    return do_vector2(fd, iov.addr(), iovcnt, pos_low, flags.value, IoDirection::Read);
}

SyscallResult sys_pwritev2(Fd fd, UserPtr<const void> iov, u64 iovcnt, i64 pos_low, i64, Flags flags) {
    return do_vector2(fd, iov.addr(), iovcnt, pos_low, flags.value, IoDirection::Write);
}

SyscallResult sys_lseek(Fd fd, i64 offset, u32 whence) {
    return with_fd(fd, [=](File& f) __attribute__((always_inline)) -> SyscallResult {
        if (whence > kSeekMax) return Error(EINVAL);
        u64 pos = TRY(f.lseek(offset, static_cast<int>(whence)));
        if (pos > u64(INT64_MAX)) return Error(EOVERFLOW);
        return static_cast<i64>(pos);
    });
}
