// SPDX-License-Identifier: MIT
#include "fs/procfs/seq_buf.h"

#include <cstdarg>

#include "lib/format.h"
#include "mm/kheap.h"
#include "mm/user_ptr.h"

SeqBuf::~SeqBuf() { kfree(m_data); }

bool SeqBuf::reserve(usize extra) {
    if (m_failed) return false;
    if (m_len + extra <= m_cap) return true;
    usize cap = m_cap ? m_cap : 256;
    while (cap < m_len + extra) cap *= 2;
    auto* p = static_cast<char*>(kmalloc(cap));
    if (!p) {
        m_failed = true;
        return false;
    }
    if (m_len) __builtin_memcpy(p, m_data, m_len);
    kfree(m_data);
    m_data = p;
    m_cap = cap;
    return true;
}

void SeqBuf::append(StringView s) {
    if (s.empty() || !reserve(s.length())) return;
    __builtin_memcpy(m_data + m_len, s.data(), s.length());
    m_len += s.length();
}

namespace {
void sink(void* ctx, const char* s, usize n) { static_cast<SeqBuf*>(ctx)->append(s, n); }
}  // namespace

void SeqBuf::appendf(const char* fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vformat_to(sink, this, fmt, ap);
    va_end(ap);
}

void SeqBuf::put_dec(const char* prefix, u64 v, int width) {
    append(prefix);
    char digits[24];
    int n = 0;
    do {
        digits[n++] = static_cast<char>('0' + v % 10);
        v /= 10;
    } while (v);
    for (int i = n; i < width; i++) putc(' ');
    while (n) putc(digits[--n]);
}

void SeqBuf::put_sdec(const char* prefix, i64 v) {
    if (v < 0) {
        append(prefix);
        putc('-');
        put_dec("", static_cast<u64>(-(v + 1)) + 1);
        return;
    }
    put_dec(prefix, static_cast<u64>(v));
}

void SeqBuf::put_hex(const char* prefix, u64 v, int width) {
    append(prefix);
    char digits[16];
    int n = 0;
    do {
        digits[n++] = "0123456789abcdef"[v & 15];
        v >>= 4;
    } while (v);
    for (int i = n; i < width; i++) putc('0');
    while (n) putc(digits[--n]);
}

void SeqBuf::pad_to_column(usize line_start, usize col) {
    while (m_len - line_start < col && !m_failed) putc(' ');
}

void SeqBuf::append_escaped(StringView s, const char* esc) {
    for (usize i = 0; i < s.length(); i++) {
        char c = s[i];
        bool special = false;
        for (const char* e = esc; *e; e++) special |= *e == c;
        if (special) {
            auto u = static_cast<u8>(c);
            char o[4] = {'\\', static_cast<char>('0' + ((u >> 6) & 7)), static_cast<char>('0' + ((u >> 3) & 7)),
                         static_cast<char>('0' + (u & 7))};
            append(o, 4);
        } else {
            putc(c);
        }
    }
}

Result<usize> SeqBuf::read_at(const IoBuffer& buf, u64& offset) const {
    if (offset >= m_len) return usize(0);
    usize n = buf.size() < m_len - offset ? buf.size() : static_cast<usize>(m_len - offset);
    TRY(buf.write_at(0, m_data + offset, n));
    offset += n;
    return n;
}
