// SPDX-License-Identifier: MIT
// Scatter/gather I/O for readv/writev/preadv/pwritev(2): importing a user iovec array with
// Linux's checks, and moving data between a File and the segments with Linux's partial-transfer
// rules.
#pragma once

#include "fs/vfs/file.h"

// One element of a struct iovec array (same layout).
struct IoSegment {
    uptr base;
    usize len;
};

constexpr usize kIovMax = 1024;   // linux: UIO_MAXIOV (IOV_MAX)

// linux: iovec_from_user() + __import_iovec() on an array already copied in: EINVAL for a
// length above SSIZE_MAX, EFAULT for a segment outside user space; lengths are then clamped so
// the total is at most MAX_RW_COUNT (not an error: the transfer is just shorter). Returns the
// total. Pure (ktested).
Result<usize> iovec_check(IoSegment* v, usize count);

class IoVector {
public:
    IoVector() = default;
    ~IoVector();
    ARAMID_NOCOPY(IoVector);

    // EINVAL for more than IOV_MAX segments, EFAULT when the array cannot be read, then
    // iovec_check's errors. count 0 is fine (total 0).
    Result<void> import(uptr uvec, u64 count);
    usize count() const { return m_count; }
    usize total() const { return m_total; }
    const IoSegment& operator[](usize i) const { return m_vec[i]; }

private:
    IoSegment m_inline[8];
    IoSegment* m_vec = m_inline;
    usize m_count = 0;
    usize m_total = 0;
};

enum class IoDirection : u8 { Read, Write };

// Moves v's bytes between f and user memory, at *pos (pread/pwrite style: the file offset is
// untouched) or, with pos null, at the file offset. Seekable files go segment by segment and
// stop at the first short transfer; streams (pipes, terminals) move one bounce buffer per call
// so that a read never blocks after data arrived and a small write stays one write (atomic on a
// pipe). An error after some progress returns the progress, as Linux's iov_iter I/O does.
Result<usize> vector_io(File& f, const IoVector& v, IoDirection dir, const u64* pos);
