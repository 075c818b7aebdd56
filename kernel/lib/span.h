// SPDX-License-Identifier: MIT
// A pointer and a length, bounds-checked on indexing.
#pragma once

#include "lib/assert.h"

template <typename T>
class Span {
public:
    constexpr Span() = default;
    constexpr Span(T* p, usize n) : m_data(p), m_size(n) {}
    template <usize N>
    constexpr Span(T (&a)[N]) : m_data(a), m_size(N) {}

    constexpr T* data() const { return m_data; }
    constexpr usize size() const { return m_size; }
    constexpr bool empty() const { return m_size == 0; }
    constexpr T& operator[](usize i) const { VERIFY(i < m_size); return m_data[i]; }
    constexpr T* begin() const { return m_data; }
    constexpr T* end() const { return m_data + m_size; }
    constexpr Span subspan(usize off, usize n = ~usize(0)) const {
        VERIFY(off <= m_size);
        if (n > m_size - off) n = m_size - off;
        return Span(m_data + off, n);
    }

private:
    T* m_data = nullptr;
    usize m_size = 0;
};
