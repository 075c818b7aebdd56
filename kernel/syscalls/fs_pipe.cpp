// SPDX-License-Identifier: MIT
// pipe, pipe2, splice, tee and vmsplice (man 2 pipe, man 2 splice, man 2 tee, man 2 vmsplice):
// argument checks in Linux's order (linux: fs/pipe.c do_pipe2(), fs/splice.c), the data
// movement in fs/pipe/.
#include "abi/linux/uapi.h"
#include "core/fd_table.h"
#include "core/process.h"
#include "fs/pipe/pipe.h"
#include "mm/kheap.h"
#include "syscalls/handlers.h"

namespace {

// linux: include/uapi/linux/watch_queue.h.
constexpr u64 kONotificationPipe = O_EXCL;
// linux: include/uapi/linux/uio.h.
constexpr u64 kUioMaxIov = 1024;
constexpr usize kMaxRw = 0x7ffff000;   // MAX_RW_COUNT

// struct iovec as user space lays it out (linux: include/uapi/linux/uio.h).
struct UserIovec {
    u64 base;
    u64 len;
};
static_assert(sizeof(UserIovec) == 16);

u64 nofile_limit_now() { return current_process()->rlimits[RLIMIT_NOFILE].cur; }

// linux: fdget(): O_PATH descriptors do not count.
Result<RefPtr<File>> file_for(int fd) {
    RefPtr<File> f = TRY(current_process()->fds->get(fd));
    if (f->is_path_only()) return Error(EBADF);
    return f;
}

// linux: rw_verify_area() for a splice length at an optional offset.
Result<void> verify_area(const i64* pos, usize len) {
    if (static_cast<i64>(len) < 0) return Error(EINVAL);
    if (pos) {
        i64 end;
        if (*pos < 0 || __builtin_add_overflow(*pos, static_cast<i64>(len), &end)) return Error(EINVAL);
    }
    return {};
}

SyscallResult do_pipe2(UserPtr<int> fds, u64 flags) {
    if (flags & ~u64(O_CLOEXEC | O_NONBLOCK | O_DIRECT | kONotificationPipe)) return Error(EINVAL);
    // LINUX-DIVERGENCE: notification pipes (watch queues) are not supported: ENOPKG, as a Linux
    // built without CONFIG_WATCH_QUEUE. Test: pipes/pipe_basic.
    if (flags & kONotificationPipe) return Error(ENOPKG);
    RefPtr<File> r, w;
    TRY(pipe_create(r, w, static_cast<u32>(flags & (O_NONBLOCK | O_DIRECT))));
    bool cloexec = flags & O_CLOEXEC;
    FdTable& table = *current_process()->fds;
    int fd0 = TRY(table.install(move_ref(r), cloexec, 0, nofile_limit_now()));
    auto fd1 = table.install(move_ref(w), cloexec, 0, nofile_limit_now());
    if (fd1.is_error()) {
        (void)table.close(fd0);
        return fd1.error();
    }
    int pair[2] = {fd0, fd1.value()};
    if (copy_to_user(fds.addr(), pair, sizeof(pair)).is_error()) {
        // Linux copies before installing; here the pair is taken back.
        (void)table.close(fd0);
        (void)table.close(fd1.value());
        return Error(EFAULT);
    }
    return 0;
}

}  // namespace

SyscallResult sys_pipe(UserPtr<int> fds) { return do_pipe2(fds, 0); }
SyscallResult sys_pipe2(UserPtr<int> fds, Flags flags) { return do_pipe2(fds, flags.value); }

SyscallResult sys_splice(Fd fd_in, UserPtr<i64> off_in, Fd fd_out, UserPtr<i64> off_out, usize len, Flags flags) {
    // linux: fs/splice.c sys_splice() -> __do_splice() -> do_splice().
    unsigned fl = static_cast<unsigned>(flags.value);
    if (len == 0) return 0;
    if (fl & ~kSpliceFAll) return Error(EINVAL);
    RefPtr<File> in = TRY(file_for(fd_in));
    RefPtr<File> out = TRY(file_for(fd_out));
    bool ipipe = file_is_pipe(*in);
    bool opipe = file_is_pipe(*out);
    if (ipipe && !off_in.is_null()) return Error(ESPIPE);
    if (opipe && !off_out.is_null()) return Error(ESPIPE);
    i64 out_pos = 0, in_pos = 0;
    if (!off_out.is_null()) out_pos = TRY(copy_from_user(off_out));
    if (!off_in.is_null()) in_pos = TRY(copy_from_user(off_in));

    if (!in->readable() || !out->writable()) return Error(EBADF);
    usize n;
    if (ipipe && opipe) {
        if ((in->flags() | out->flags()) & O_NONBLOCK) fl |= kSpliceFNonblock;
        n = TRY(splice_pipe_to_pipe(*in, *out, len, fl));
    } else if (ipipe) {
        i64* pos = off_out.is_null() ? nullptr : &out_pos;
        if (pos && !out->positional()) return Error(EINVAL);   // no FMODE_PWRITE
        if (out->flags() & O_APPEND) return Error(EINVAL);
        TRY(verify_area(pos, len));
        if (in->flags() & O_NONBLOCK) fl |= kSpliceFNonblock;
        u64 p = static_cast<u64>(out_pos);
        n = TRY(splice_pipe_to_file(*in, *out, pos ? &p : nullptr, len, fl));
        if (pos) TRY(copy_to_user(off_out, static_cast<i64>(p)));
    } else if (opipe) {
        i64* pos = off_in.is_null() ? nullptr : &in_pos;
        if (pos && !in->positional()) return Error(EINVAL);   // no FMODE_PREAD
        TRY(verify_area(pos, len));
        if (out->flags() & O_NONBLOCK) fl |= kSpliceFNonblock;
        u64 p = static_cast<u64>(in_pos);
        n = TRY(splice_file_to_pipe(*in, pos ? &p : nullptr, *out, min(len, kMaxRw), fl));
        if (pos) TRY(copy_to_user(off_in, static_cast<i64>(p)));
    } else {
        return Error(EINVAL);
    }
    return static_cast<i64>(n);
}

SyscallResult sys_tee(Fd fd_in, Fd fd_out, usize len, Flags flags) {
    // linux: fs/splice.c sys_tee() -> do_tee().
    unsigned fl = static_cast<unsigned>(flags.value);
    if (fl & ~kSpliceFAll) return Error(EINVAL);
    if (len == 0) return 0;
    RefPtr<File> in = TRY(file_for(fd_in));
    RefPtr<File> out = TRY(file_for(fd_out));
    if (!in->readable() || !out->writable()) return Error(EBADF);
    if ((in->flags() | out->flags()) & O_NONBLOCK) fl |= kSpliceFNonblock;
    return static_cast<i64>(TRY(pipe_tee(*in, *out, len, fl)));
}

SyscallResult sys_vmsplice(Fd fd, UserPtr<const void> iov, u64 nr_segs, Flags flags) {
    // linux: fs/splice.c sys_vmsplice(): the write end is filled from the segments, the read end
    // drained into them; import_iovec() checks the vector.
    unsigned fl = static_cast<unsigned>(flags.value);
    if (fl & ~kSpliceFAll) return Error(EINVAL);
    RefPtr<File> f = TRY(file_for(fd));
    bool to_pipe;
    if (f->writable()) to_pipe = true;
    else if (f->readable()) to_pipe = false;
    else return Error(EBADF);
    if (nr_segs > kUioMaxIov) return Error(EINVAL);
    if (nr_segs == 0) return 0;
    auto* uv = static_cast<UserIovec*>(kmalloc(sizeof(UserIovec) * nr_segs));
    auto* segs = static_cast<IoBuffer*>(kmalloc(sizeof(IoBuffer) * nr_segs));
    auto cleanup = [&] {
        kfree(uv);
        kfree(segs);
    };
    if (!uv || !segs) {
        cleanup();
        return Error(ENOMEM);
    }
    if (copy_from_user(uv, iov.addr(), sizeof(UserIovec) * nr_segs).is_error()) {
        cleanup();
        return Error(EFAULT);
    }
    usize total = 0;
    for (u64 i = 0; i < nr_segs; i++) {
        u64 l = uv[i].len;
        if (static_cast<i64>(l) < 0) {
            cleanup();
            return Error(EINVAL);
        }
        if (l > kMaxRw - total) l = kMaxRw - total;   // the total is capped, as Linux
        if (!user_range_ok(uv[i].base, l)) {
            cleanup();
            return Error(EFAULT);
        }
        new (&segs[i]) IoBuffer(IoBuffer::user(uv[i].base, l));
        total += l;
    }
    Result<usize> r = !total    ? Result<usize>(usize(0))
                      : to_pipe ? vmsplice_to_pipe(*f, segs, nr_segs, fl)
                                : vmsplice_from_pipe(*f, segs, nr_segs, fl);
    cleanup();
    return static_cast<i64>(TRY(std::move(r)));
}
