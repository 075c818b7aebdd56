// SPDX-License-Identifier: MIT
#include "mm/user_ptr.h"

Result<usize> copy_string_from_user(char* buf, usize size, uptr src) {
    if (size == 0) return Error(ENAMETOOLONG);
    if (src >= kUserSpaceEnd) return Error(EFAULT);
    usize max = min(size, usize(kUserSpaceEnd - src));
    isize n = arch_user_strncpy(buf, src, max);   // copies the NUL too
    if (n < 0) return Error(EFAULT);
    if (static_cast<usize>(n) >= size) return Error(ENAMETOOLONG);
    if (static_cast<usize>(n) == max && max < size) return Error(EFAULT);   // ran into the kernel half
    return static_cast<usize>(n);
}

Result<void> IoBuffer::write_at(usize offset, const void* src, usize n) const {
    if (offset > m_size || n > m_size - offset) return Error(EFAULT);
    if (m_user) return copy_to_user(m_addr + offset, src, n);
    __builtin_memcpy(reinterpret_cast<void*>(m_addr + offset), src, n);
    return {};
}

Result<void> IoBuffer::read_at(usize offset, void* dst, usize n) const {
    if (offset > m_size || n > m_size - offset) return Error(EFAULT);
    if (m_user) return copy_from_user(dst, m_addr + offset, n);
    __builtin_memcpy(dst, reinterpret_cast<const void*>(m_addr + offset), n);
    return {};
}

usize IoBuffer::read_some(usize offset, void* dst, usize n) const {
    if (read_at(offset, dst, n).is_ok()) return n;
    usize done = 0;
    while (done < n) {
        usize piece = min(n - done, kPageSize - ((m_addr + offset + done) & (kPageSize - 1)));
        if (read_at(offset + done, static_cast<u8*>(dst) + done, piece).is_error()) break;
        done += piece;
    }
    return done;
}

Result<void> IoBuffer::fill_at(usize offset, u8 value, usize n) const {
    if (offset > m_size || n > m_size - offset) return Error(EFAULT);
    if (m_user) {
        if (!user_range_ok(m_addr + offset, n) || !arch_user_fill(m_addr + offset, value, n)) return Error(EFAULT);
        return {};
    }
    __builtin_memset(reinterpret_cast<void*>(m_addr + offset), value, n);
    return {};
}

IoBuffer IoBuffer::slice(usize offset, usize n) const {
    VERIFY(offset <= m_size && n <= m_size - offset);
    return IoBuffer(m_addr + offset, n, m_user);
}
