// SPDX-License-Identifier: MIT
// A bitmap over caller-provided words (no allocation), with find-first helpers.
#pragma once

#include "lib/assert.h"

class BitmapView {
public:
    constexpr BitmapView() = default;
    constexpr BitmapView(u64* words, usize bits) : m_words(words), m_bits(bits) {}

    static constexpr usize words_for(usize bits) { return (bits + 63) / 64; }
    usize size() const { return m_bits; }

    bool get(usize i) const { VERIFY(i < m_bits); return (m_words[i / 64] >> (i % 64)) & 1; }
    void set(usize i, bool v = true) {
        VERIFY(i < m_bits);
        if (v) m_words[i / 64] |= u64(1) << (i % 64);
        else m_words[i / 64] &= ~(u64(1) << (i % 64));
    }
    void fill(bool v) {
        for (usize w = 0; w < words_for(m_bits); w++) m_words[w] = v ? ~u64(0) : 0;
        trim();
    }
    void set_range(usize start, usize count, bool v) {
        for (usize i = start; i < start + count; i++) set(i, v);
    }
    // First index >= from whose bit equals v, or size() when none.
    usize find_first(bool v, usize from = 0) const {
        for (usize i = from; i < m_bits;) {
            u64 w = m_words[i / 64];
            if (!v) w = ~w;
            w >>= (i % 64);
            if (w) {
                usize r = i + __builtin_ctzll(w);
                return r < m_bits ? r : m_bits;
            }
            i = (i / 64 + 1) * 64;
        }
        return m_bits;
    }
    usize count_set() const {
        usize n = 0;
        for (usize w = 0; w < words_for(m_bits); w++) n += __builtin_popcountll(m_words[w]);
        return n;
    }

private:
    void trim() {
        if (m_bits % 64) m_words[m_bits / 64] &= (u64(1) << (m_bits % 64)) - 1;
    }
    u64* m_words = nullptr;
    usize m_bits = 0;
};

template <usize N>
class Bitmap : public BitmapView {
public:
    Bitmap() : BitmapView(m_storage, N) {}
    Bitmap(const Bitmap&) = delete;

private:
    u64 m_storage[(N + 63) / 64] = {};
};
