// SPDX-License-Identifier: MIT
#include "syscalls/fs_iov.h"

#include <cstddef>

#include "abi/linux/uapi.h"
#include "mm/kheap.h"
#include "syscalls/fs_common.h"

static_assert(sizeof(IoSegment) == sizeof(struct iovec));
static_assert(offsetof(IoSegment, len) == offsetof(struct iovec, iov_len));
static_assert(kIovMax == UIO_MAXIOV);

namespace {

constexpr usize kBounceMax = 64 * 1024;
constexpr usize kSsizeMax = ~usize(0) >> 1;

struct KBuf {
    void* p;
    ~KBuf() { kfree(p); }
};

// Streams: one read into a kernel buffer, scattered over the segments.
Result<usize> stream_read(File& f, const IoVector& v) {
    usize chunk = min(v.total(), kBounceMax);
    KBuf buf{kmalloc(chunk)};
    if (!buf.p) return Error(ENOMEM);
    usize n = TRY(f.read(IoBuffer::kernel(buf.p, chunk)));
    usize copied = 0;
    for (usize i = 0; i < v.count() && copied < n; i++) {
        usize len = min(v[i].len, n - copied);
        if (copy_to_user(v[i].base, static_cast<u8*>(buf.p) + copied, len).is_error())
            return copied ? Result<usize>(copied) : Result<usize>(Error(EFAULT));
        copied += len;
    }
    return n;
}

// Streams: gathered into bounce-buffer-sized writes.
Result<usize> stream_write(File& f, const IoVector& v) {
    usize chunk = min(v.total(), kBounceMax);
    KBuf buf{kmalloc(chunk)};
    if (!buf.p) return Error(ENOMEM);
    usize seg = 0, seg_off = 0, done = 0;
    bool fault = false;
    while (done < v.total() && !fault) {
        usize filled = 0;
        while (filled < chunk && seg < v.count()) {
            usize len = min(v[seg].len - seg_off, chunk - filled);
            if (copy_from_user(static_cast<u8*>(buf.p) + filled, v[seg].base + seg_off, len).is_error()) {
                fault = true;
                break;
            }
            filled += len;
            seg_off += len;
            if (seg_off == v[seg].len) {
                seg++;
                seg_off = 0;
            }
        }
        if (!filled) break;
        auto r = f.write(IoBuffer::kernel(buf.p, filled));
        if (r.is_error()) return done ? Result<usize>(done) : std::move(r);
        done += r.value();
        if (r.value() < filled) break;
    }
    if (!done && fault) return Error(EFAULT);
    return done;
}

}  // namespace

Result<usize> iovec_check(IoSegment* v, usize count) {
    for (usize i = 0; i < count; i++)
        if (v[i].len > kSsizeMax) return Error(EINVAL);
    usize total = 0;
    for (usize i = 0; i < count; i++) {
        if (!user_range_ok(v[i].base, v[i].len)) return Error(EFAULT);
        if (v[i].len > kMaxRwCount - total) v[i].len = kMaxRwCount - total;
        total += v[i].len;
    }
    return total;
}

IoVector::~IoVector() {
    if (m_vec != m_inline) kfree(m_vec);
}

Result<void> IoVector::import(uptr uvec, u64 count) {
    if (count == 0) return {};
    if (count > kIovMax) return Error(EINVAL);
    if (count > sizeof(m_inline) / sizeof(m_inline[0])) {
        m_vec = static_cast<IoSegment*>(kmalloc(count * sizeof(IoSegment)));
        if (!m_vec) {
            m_vec = m_inline;
            return Error(ENOMEM);
        }
    }
    TRY(copy_from_user(m_vec, uvec, count * sizeof(IoSegment)));
    m_count = count;
    m_total = TRY(iovec_check(m_vec, count));
    return {};
}

Result<usize> vector_io(File& f, const IoVector& v, IoDirection dir, const u64* pos) {
    if (!pos && !f.positional()) return dir == IoDirection::Read ? stream_read(f, v) : stream_write(f, v);
    usize done = 0;
    for (usize i = 0; i < v.count(); i++) {
        if (v[i].len == 0) continue;
        IoBuffer b = IoBuffer::user(v[i].base, v[i].len);
        Result<usize> r = dir == IoDirection::Read ? (pos ? f.pread(b, *pos + done) : f.read(b))
                                                   : (pos ? f.pwrite(b, *pos + done) : f.write(b));
        if (r.is_error()) return done ? Result<usize>(done) : std::move(r);
        done += r.value();
        if (r.value() < v[i].len) break;
    }
    return done;
}
