// SPDX-License-Identifier: MIT
// A byte FIFO over a fixed buffer the owner provides: a TCP connection's send queue (bytes not yet
// acknowledged) and receive queue (bytes not yet read). Pure: the host tests use it too.
#pragma once

#include "lib/types.h"

class ByteRing {
public:
    void init(u8* buf, u32 cap) {
        m_buf = buf;
        m_cap = cap;
        m_head = m_len = 0;
    }
    u8* buffer() const { return m_buf; }
    u32 capacity() const { return m_cap; }
    u32 size() const { return m_len; }
    u32 space() const { return m_cap - m_len; }

    // Appends up to n bytes; returns how many fit.
    u32 push(const u8* src, u32 n) {
        if (n > space()) n = space();
        if (!n) return 0;
        u32 tail = (m_head + m_len) % m_cap;
        u32 first = n < m_cap - tail ? n : m_cap - tail;
        __builtin_memcpy(m_buf + tail, src, first);
        __builtin_memcpy(m_buf, src + first, n - first);
        m_len += n;
        return n;
    }
    // Copies n bytes starting off bytes after the front (off + n <= size()).
    void peek(u32 off, u8* dst, u32 n) const {
        if (!n) return;
        u32 start = (m_head + off) % m_cap;
        u32 first = n < m_cap - start ? n : m_cap - start;
        __builtin_memcpy(dst, m_buf + start, first);
        __builtin_memcpy(dst + first, m_buf, n - first);
    }
    // Moves the contents to a larger buffer (the caller frees the old one, returned).
    u8* move_to(u8* buf, u32 cap) {
        peek(0, buf, m_len);
        u8* old = m_buf;
        m_buf = buf;
        m_cap = cap;
        m_head = 0;
        return old;
    }
    void drop(u32 n) {
        if (n > m_len) n = m_len;
        m_len -= n;
        m_head = m_len ? (m_head + n) % m_cap : 0;
    }

private:
    u8* m_buf = nullptr;
    u32 m_cap = 0;
    u32 m_head = 0;
    u32 m_len = 0;
};
