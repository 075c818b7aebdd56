// SPDX-License-Identifier: MIT
// User memory is reached only through these: UserPtr<const T> (read) and UserPtr<T> (write)
// hold an address, cannot be dereferenced, and every access is a checked copy that turns a fault
// or a kernel-half address into EFAULT.
#pragma once

#include <type_traits>

#include "lib/result.h"

constexpr uptr kUserSpaceEnd = 0x0000800000000000ull;   // first non-canonical user address

// Raw copies with fault fixups (arch/x86_64/user_copy.S); false on a fault. Callers have checked
// that the range is user memory.
extern "C" bool arch_user_copy_in(void* dst, uptr src, usize n);
extern "C" bool arch_user_copy_out(uptr dst, const void* src, usize n);
extern "C" bool arch_user_fill(uptr dst, u8 value, usize n);
// Length of the NUL-terminated string at src, at most max; -1 on a fault. With dst, the string
// and its NUL are copied there too (see user_copy.S).
extern "C" isize arch_user_strncpy(char* dst, uptr src, usize max);
inline isize arch_user_strnlen(uptr src, usize max) { return arch_user_strncpy(nullptr, src, max); }

inline bool user_range_ok(uptr addr, usize n) {
    uptr end;
    return !__builtin_add_overflow(addr, n, &end) && end <= kUserSpaceEnd;
}

template <typename T>
class UserPtr {
public:
    constexpr UserPtr() = default;
    constexpr explicit UserPtr(uptr addr) : m_addr(addr) {}
    constexpr uptr addr() const { return m_addr; }
    constexpr bool is_null() const { return m_addr == 0; }
    // Element arithmetic without leaving the type (wraps are caught at copy time).
    constexpr UserPtr offset(usize elements) const { return UserPtr(m_addr + elements * sizeof(T)); }
    template <typename U>
    constexpr UserPtr<U> cast() const { return UserPtr<U>(m_addr); }

    bool operator==(const UserPtr&) const = delete;   // compare addr() explicitly

private:
    uptr m_addr = 0;
};

inline Result<void> copy_from_user(void* dst, uptr src, usize n) {
    if (!user_range_ok(src, n) || !arch_user_copy_in(dst, src, n)) return Error(EFAULT);
    return {};
}
inline Result<void> copy_to_user(uptr dst, const void* src, usize n) {
    if (!user_range_ok(dst, n) || !arch_user_copy_out(dst, src, n)) return Error(EFAULT);
    return {};
}
inline Result<void> clear_user(uptr dst, usize n) {
    if (!user_range_ok(dst, n) || !arch_user_fill(dst, 0, n)) return Error(EFAULT);
    return {};
}

template <typename T>
Result<std::remove_const_t<T>> copy_from_user(UserPtr<T> p) {
    static_assert(std::is_trivially_copyable_v<std::remove_const_t<T>>);
    std::remove_const_t<T> v;
    TRY(copy_from_user(&v, p.addr(), sizeof(T)));
    return v;
}

template <typename T>
Result<void> copy_to_user(UserPtr<T> p, const T& v) {
    static_assert(!std::is_const_v<T>, "copy_to_user needs a writable UserPtr<T>");
    static_assert(std::is_trivially_copyable_v<T>);
    return copy_to_user(p.addr(), &v, sizeof(T));
}

// Copies an array of count elements (overflow-checked).
template <typename T>
Result<void> copy_array_from_user(std::remove_const_t<T>* dst, UserPtr<T> p, usize count) {
    usize bytes;
    if (__builtin_mul_overflow(count, sizeof(T), &bytes)) return Error(EFAULT);
    return copy_from_user(dst, p.addr(), bytes);
}

// Copies a NUL-terminated string into buf (size includes the NUL). ENAMETOOLONG when it does not
// fit, EFAULT on a bad address. Returns the length.
Result<usize> copy_string_from_user(char* buf, usize size, uptr src);

// A buffer that is either user memory or kernel memory, so file and device code is written once
// and can be driven by kernel tests (convention user-or-kernel-buffer).
class IoBuffer {
public:
    static IoBuffer user(uptr addr, usize size) { return IoBuffer(addr, size, true); }
    static IoBuffer kernel(void* p, usize size) { return IoBuffer(reinterpret_cast<uptr>(p), size, false); }

    usize size() const { return m_size; }
    bool is_user() const { return m_user; }
    // Copy into the buffer at offset (a read(2) fills it) / out of it (write(2) drains it).
    Result<void> write_at(usize offset, const void* src, usize n) const;
    Result<void> read_at(usize offset, void* dst, usize n) const;
    // As read_at, but copies what it can before a fault (whole user pages), as Linux's
    // copy_from_iter: the count, 0 when the first byte faults.
    usize read_some(usize offset, void* dst, usize n) const;
    Result<void> fill_at(usize offset, u8 value, usize n) const;
    IoBuffer slice(usize offset, usize n) const;

private:
    IoBuffer(uptr a, usize s, bool u) : m_addr(a), m_size(s), m_user(u) {}
    uptr m_addr;
    usize m_size;
    bool m_user;
};
