// SPDX-License-Identifier: MIT
// sendfile and copy_file_range: data moved between two descriptors through a kernel bounce
// buffer. linux: fs/read_write.c do_sendfile(), generic_copy_file_checks(),
// vfs_copy_file_range() (6.1 rules: different superblocks are EXDEV unless the file system has
// its own copy_file_range, which no Aramid file system has).
#include "abi/linux/fs_abi.h"
#include "abi/linux/uapi.h"
#include "mm/kheap.h"
#include "syscalls/fs_common.h"
#include "syscalls/handlers.h"

namespace {

constexpr usize kChunk = 64 * 1024;

// Reads at *in_pos from in (positional) and writes to out, at *out_pos or (null) at out's file
// offset. Stops at EOF or a short write; an error after progress returns the progress.
Result<usize> copy_data(File& in, u64& in_pos, File& out, u64* out_pos, usize count) {
    void* buf = kmalloc(min(count, kChunk));
    if (!buf) return Error(ENOMEM);
    struct Free {
        void* p;
        ~Free() { kfree(p); }
    } free_buf{buf};
    usize done = 0;
    while (done < count) {
        usize want = min(count - done, kChunk);
        auto r = in.pread(IoBuffer::kernel(buf, want), in_pos);
        if (r.is_error()) return done ? Result<usize>(done) : std::move(r);
        if (r.value() == 0) break;
        IoBuffer chunk = IoBuffer::kernel(buf, r.value());
        auto w = out_pos ? out.pwrite(chunk, *out_pos) : out.write(chunk);
        if (w.is_error()) return done ? Result<usize>(done) : std::move(w);
        done += w.value();
        in_pos += w.value();
        if (out_pos) *out_pos += w.value();
        if (w.value() < r.value()) break;
    }
    return done;
}

// linux: rw_verify_area() for regular files: negative or wrapping ranges are EINVAL.
Result<void> verify_area(i64 pos, usize count) {
    if (static_cast<isize>(count) < 0) return Error(EINVAL);
    u64 end;
    if (pos < 0 || __builtin_add_overflow(static_cast<u64>(pos), count, &end) || end > u64(kMaxFileSize))
        return Error(EINVAL);
    return {};
}

Result<i64> do_sendfile(Fd out_fd, Fd in_fd, i64* ppos, usize count) {
    RefPtr<File> in = TRY(fd_file(in_fd));
    if (!in->readable()) return Error(EBADF);
    i64 pos;
    if (!ppos) {
        pos = static_cast<i64>(in->offset());
    } else {
        pos = *ppos;
        if (!in->positional()) return Error(ESPIPE);
    }
    TRY(verify_area(pos, count));
    count = min(count, kMaxRwCount);
    RefPtr<File> out = TRY(fd_file(out_fd));
    if (!out->writable()) return Error(EBADF);
    if (static_cast<u64>(pos) + count > u64(kMaxFileSize)) count = static_cast<usize>(kMaxFileSize - pos);
    // linux: splice_direct_to_actor() needs the input's splice_read (files, not streams), and
    // do_splice_direct() refuses an O_APPEND output unless it is a pipe.
    if (!in->positional() || in->inode().is_dir()) return Error(EINVAL);
    bool out_is_pipe = (out->inode().mode() & S_IFMT) == S_IFIFO;
    if (!out_is_pipe && (out->flags() & O_APPEND)) return Error(EINVAL);
    u64 in_pos = static_cast<u64>(pos);
    usize n = TRY(copy_data(*in, in_pos, *out, nullptr, count));
    if (n > 0) {
        if (ppos) *ppos = static_cast<i64>(in_pos);
        else (void)in->lseek(static_cast<i64>(in_pos), SEEK_SET);
    }
    return static_cast<i64>(n);
}

}  // namespace

SyscallResult sys_sendfile(Fd out_fd, Fd in_fd, UserPtr<i64> offset, usize count) {
    if (offset.is_null()) return do_sendfile(out_fd, in_fd, nullptr, count);
    i64 pos = TRY(copy_from_user(offset));
    auto r = do_sendfile(out_fd, in_fd, &pos, count);
    // linux: the offset is written back whatever happened.
    TRY(copy_to_user(offset, pos));
    return r;
}

SyscallResult sys_copy_file_range(Fd fd_in, UserPtr<i64> off_in, Fd fd_out, UserPtr<i64> off_out, usize len,
                                  Flags flags) {
    RefPtr<File> in = TRY(fd_file(fd_in));
    RefPtr<File> out = TRY(fd_file(fd_out));
    i64 pos_in = off_in.is_null() ? static_cast<i64>(in->offset()) : TRY(copy_from_user(off_in));
    i64 pos_out = off_out.is_null() ? static_cast<i64>(out->offset()) : TRY(copy_from_user(off_out));
    if (flags.value != 0) return Error(EINVAL);

    // linux: generic_file_rw_checks(), then generic_copy_file_checks().
    Inode& ii = in->inode();
    Inode& oi = out->inode();
    if (ii.is_dir() || oi.is_dir()) return Error(EISDIR);
    if (!ii.is_reg() || !oi.is_reg()) return Error(EINVAL);
    if (!in->readable() || !out->writable() || (out->flags() & O_APPEND)) return Error(EBADF);
    if (&ii.sb() != &oi.sb()) return Error(EXDEV);
    u64 count = len;
    u64 wrap;
    if (__builtin_add_overflow(static_cast<u64>(pos_in), count, &wrap) ||
        __builtin_add_overflow(static_cast<u64>(pos_out), count, &wrap))
        return Error(EOVERFLOW);
    u64 size_in = ii.size();
    count = pos_in >= 0 && static_cast<u64>(pos_in) >= size_in ? 0 : min(count, size_in - static_cast<u64>(pos_in));
    if (pos_out >= 0 && static_cast<u64>(pos_out) >= u64(kMaxFileSize)) return Error(EFBIG);
    if (&ii == &oi && static_cast<i64>(pos_out + count) > pos_in && pos_out < static_cast<i64>(pos_in + count))
        return Error(EINVAL);
    TRY(verify_area(pos_in, count));
    TRY(verify_area(pos_out, count));
    if (count == 0) return 0;

    u64 in_pos = static_cast<u64>(pos_in);
    u64 out_pos = static_cast<u64>(pos_out);
    usize n = TRY(copy_data(*in, in_pos, *out, &out_pos, min(static_cast<usize>(count), kMaxRwCount)));
    if (n > 0) {
        if (off_in.is_null()) (void)in->lseek(static_cast<i64>(in_pos), SEEK_SET);
        else TRY(copy_to_user(off_in, static_cast<i64>(in_pos)));
        if (off_out.is_null()) (void)out->lseek(static_cast<i64>(out_pos), SEEK_SET);
        else TRY(copy_to_user(off_out, static_cast<i64>(out_pos)));
    }
    return static_cast<i64>(n);
}
