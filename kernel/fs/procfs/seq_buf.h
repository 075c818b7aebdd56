// SPDX-License-Identifier: MIT
// A growing text buffer for generated /proc contents (the role of Linux's seq_file): generators
// append formatted text, the file then serves reads at any offset from one consistent snapshot.
// An allocation failure is sticky: later appends are dropped and status() reports ENOMEM, so a
// generator checks once at the end instead of after every line.
#pragma once

#include "lib/result.h"
#include "lib/string_view.h"

class IoBuffer;

class SeqBuf {
public:
    SeqBuf() = default;
    ~SeqBuf();
    ARAMID_NOCOPY(SeqBuf);
    SeqBuf(SeqBuf&& o) : m_data(o.m_data), m_len(o.m_len), m_cap(o.m_cap), m_failed(o.m_failed) {
        o.m_data = nullptr;
        o.m_len = o.m_cap = 0;
    }

    void append(StringView s);
    void append(const char* s, usize n) { append(StringView(s, n)); }
    void putc(char c) { append(StringView(&c, 1)); }
    void appendf(const char* fmt, ...) __attribute__((format(printf, 2, 3)));
    // Linux's seq_put_decimal_ull_width: the number right-aligned in width columns.
    void put_dec(const char* prefix, u64 v, int width = 0);
    void put_sdec(const char* prefix, i64 v);
    // Linux's seq_put_hex_ll: at least width lowercase hex digits.
    void put_hex(const char* prefix, u64 v, int width = 0);
    // Pads with spaces up to column `col` of the current line (seq_pad's width).
    void pad_to_column(usize line_start, usize col);
    // Appends s with the characters in `esc` written as \ooo (Linux's mangle()/seq_escape).
    void append_escaped(StringView s, const char* esc);

    // read(2) of the text: up to buf's size from offset, which advances; 0 at or past the end.
    Result<usize> read_at(const IoBuffer& buf, u64& offset) const;
    void clear() {
        m_len = 0;
        m_failed = false;
    }
    void truncate(usize len) {
        if (len < m_len) m_len = len;
    }
    const char* data() const { return m_data ? m_data : ""; }
    usize length() const { return m_len; }
    StringView view() const { return StringView(data(), m_len); }
    Result<void> status() const {
        if (m_failed) return Error(ENOMEM);
        return {};
    }

private:
    bool reserve(usize extra);
    char* m_data = nullptr;
    usize m_len = 0;
    usize m_cap = 0;
    bool m_failed = false;
};
