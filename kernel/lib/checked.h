// SPDX-License-Identifier: MIT
// Overflow-checked arithmetic. User-controlled sizes go through these before any allocation
// or copy (count * size, offset + length).
#pragma once

#include "lib/types.h"

template <typename T>
[[nodiscard]] constexpr bool checked_add(T a, T b, T& out) { return !__builtin_add_overflow(a, b, &out); }
template <typename T>
[[nodiscard]] constexpr bool checked_sub(T a, T b, T& out) { return !__builtin_sub_overflow(a, b, &out); }
template <typename T>
[[nodiscard]] constexpr bool checked_mul(T a, T b, T& out) { return !__builtin_mul_overflow(a, b, &out); }

// A value that remembers whether any operation on it overflowed.
template <typename T>
class Checked {
public:
    constexpr Checked(T v = 0) : m_value(v) {}
    constexpr Checked& operator+=(T o) { m_overflow |= __builtin_add_overflow(m_value, o, &m_value); return *this; }
    constexpr Checked& operator-=(T o) { m_overflow |= __builtin_sub_overflow(m_value, o, &m_value); return *this; }
    constexpr Checked& operator*=(T o) { m_overflow |= __builtin_mul_overflow(m_value, o, &m_value); return *this; }
    constexpr Checked operator+(T o) const { Checked c = *this; c += o; return c; }
    constexpr Checked operator*(T o) const { Checked c = *this; c *= o; return c; }
    constexpr bool has_overflow() const { return m_overflow; }
    constexpr T value() const { return m_value; }

private:
    T m_value;
    bool m_overflow = false;
};
