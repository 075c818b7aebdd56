// SPDX-License-Identifier: MIT
// Fixed-width types and small helpers every kernel file uses. Freestanding and host-safe.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>

using u8 = uint8_t;
using u16 = uint16_t;
using u32 = uint32_t;
using u64 = uint64_t;
using i8 = int8_t;
using i16 = int16_t;
using i32 = int32_t;
using i64 = int64_t;
using usize = size_t;
using isize = ptrdiff_t;
using uptr = uintptr_t;

// Physical addresses are their own type so they cannot be dereferenced by accident.
struct PhysAddr {
    u64 value = 0;
    constexpr PhysAddr() = default;
    constexpr explicit PhysAddr(u64 v) : value(v) {}
    constexpr PhysAddr operator+(u64 off) const { return PhysAddr(value + off); }
    constexpr u64 operator-(PhysAddr other) const { return value - other.value; }
    constexpr auto operator<=>(const PhysAddr&) const = default;
};

constexpr u64 kPageSize = 4096;
constexpr unsigned kPageShift = 12;

constexpr u64 align_down(u64 v, u64 a) { return v & ~(a - 1); }
constexpr u64 align_up(u64 v, u64 a) { return (v + a - 1) & ~(a - 1); }
constexpr bool is_aligned(u64 v, u64 a) { return (v & (a - 1)) == 0; }

template <typename T>
constexpr T min(T a, T b) { return a < b ? a : b; }
template <typename T>
constexpr T max(T a, T b) { return a < b ? b : a; }

#define ARAMID_NOCOPY(T)       \
    T(const T&) = delete;      \
    T& operator=(const T&) = delete

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)
