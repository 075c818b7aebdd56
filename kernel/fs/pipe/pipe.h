// SPDX-License-Identifier: MIT
// Pipes and FIFOs (man 7 pipe, man 7 fifo). A pipe is a ring of page-sized buffers (16 slots =
// 64 KiB by default, F_SETPIPE_SZ changes the slot count) shared by a read end and a write end.
// Anonymous pipes come from pipe_create(); named pipes (S_IFIFO inodes) get their pipe from
// fifo_open(), which the VFS calls from Inode::open, and all opens of one FIFO share one pipe
// until the last opener closes. splice(2), tee(2) and vmsplice(2) move data between pipes and
// files here too, so that the syscall layer and the ktests drive the same code.
#pragma once

#include "fs/vfs/file.h"
#include "lib/ref_ptr.h"
#include "lib/result.h"

// linux: include/linux/splice.h (not exported in the UAPI headers; glibc's <fcntl.h> has them).
constexpr unsigned kSpliceFMove = 0x01;
constexpr unsigned kSpliceFNonblock = 0x02;
constexpr unsigned kSpliceFMore = 0x04;
constexpr unsigned kSpliceFGift = 0x08;
constexpr unsigned kSpliceFAll = kSpliceFMove | kSpliceFNonblock | kSpliceFMore | kSpliceFGift;

/// The default capacity of a new pipe (linux: PIPE_DEF_BUFFERS pages).
constexpr u32 kPipeDefaultSize = 16 * 4096;
/// /proc/sys/fs/pipe-max-size default: F_SETPIPE_SZ above it needs privilege (EPERM).
constexpr u32 kPipeMaxSizeDefault = 1024 * 1024;

/// Creates an anonymous pipe. read_end is opened O_RDONLY, write_end O_WRONLY; flags may hold
/// O_NONBLOCK (both ends) and O_DIRECT (packet mode, write end only, as Linux). Descriptor flags
/// (O_CLOEXEC) are the caller's business.
Result<void> pipe_create(RefPtr<File>& read_end, RefPtr<File>& write_end, u32 flags);

/// fcntl(F_GETPIPE_SZ) / fcntl(F_SETPIPE_SZ) for the fcntl implementer: EBADF when file is not a
/// pipe or FIFO, EINVAL for another cmd. F_SETPIPE_SZ rounds arg up to a power-of-two number of
/// pages (at least one), fails with EPERM above pipe-max-size without privilege, EBUSY when the
/// pipe holds more buffers than the new size, and returns the new size in bytes.
Result<long> pipe_fcntl_size(File& file, int cmd, unsigned long arg);
/// The same, under the name and signature of the weak hook syscalls/fs_common.h declares for
/// fcntl (so fcntl finds it without a direct dependency).
Result<long> pipe_fcntl(File& f, unsigned cmd, u64 arg);

/// The open() of an S_IFIFO inode: attaches file to the FIFO's shared pipe (created on the first
/// open) and sets its FileOps. O_RDONLY waits for a writer and O_WRONLY for a reader unless
/// O_NONBLOCK (then a reader opens at once and a writer fails with ENXIO); O_RDWR never waits.
/// A wait interrupted by a signal fails with ERESTARTSYS (kErestartSys). May sleep without
/// bound: the caller must hold no locks. On failure file is left untouched.
Result<void> fifo_open(File& file);

/// True when file is an open end of a pipe or FIFO (not an O_PATH descriptor).
bool file_is_pipe(const File& file);

/// The current pipe-max-size (/proc/sys/fs/pipe-max-size) and its setter for procfs (EINVAL
/// outside [4096, 2^31], rounded as F_SETPIPE_SZ rounds).
u32 pipe_max_size();
Result<void> pipe_set_max_size(u64 bytes);

// --- splice family (flags: kSpliceF*; the fds' O_NONBLOCK is the caller's to fold in) ---------

/// Moves up to len bytes from pipe `in` to pipe `out` (distinct pipes). Waits for input and for
/// space unless kSpliceFNonblock (EAGAIN). 0 when `in` is empty and has no writers; EPIPE (and
/// SIGPIPE) when `out` has no readers.
Result<usize> splice_pipe_to_pipe(File& in, File& out, usize len, unsigned flags);
/// Copies up to len bytes from pipe `in` to pipe `out` without consuming them (tee(2)).
Result<usize> pipe_tee(File& in, File& out, usize len, unsigned flags);
/// Moves up to len bytes from pipe `in` to file `out`, at *offset when offset is non-null
/// (advanced) or at out's file offset.
Result<usize> splice_pipe_to_file(File& in, File& out, u64* offset, usize len, unsigned flags);
/// Reads up to len bytes from file `in` (at *offset, advanced, or at in's file offset) into pipe
/// `out`. 0 at end of file.
Result<usize> splice_file_to_pipe(File& in, u64* offset, File& out, usize len, unsigned flags);
/// vmsplice(2) on kernel-checked segments: copies the buffers into pipe `out` (up to its free
/// space) / out of pipe `in` into the buffers.
Result<usize> vmsplice_to_pipe(File& out, const IoBuffer* segs, usize count, unsigned flags);
Result<usize> vmsplice_from_pipe(File& in, const IoBuffer* segs, usize count, unsigned flags);
