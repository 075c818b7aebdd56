// SPDX-License-Identifier: MIT
// Result<T>: a value or a Linux errno. Errors are values, propagated with TRY; the syscall
// dispatcher alone turns them into -errno. Host-testable.
#pragma once

#include <asm-generic/errno.h>
#include <new>
#include <type_traits>
#include <utility>

#include "lib/assert.h"

struct Error {
    int code;
    constexpr explicit Error(int c) : code(c) {}
};

template <typename T>
class [[nodiscard]] Result {
public:
    Result(const T& v) : m_error(0) { new (&m_value) T(v); }
    Result(T&& v) : m_error(0) { new (&m_value) T(std::move(v)); }
    Result(Error e) : m_error(e.code) {
        VERIFY(e.code != 0);
        // Copied bytewise (below): defined bytes, and no maybe-uninitialized noise.
        if constexpr (std::is_trivially_copyable_v<T>) __builtin_memset(static_cast<void*>(&m_value), 0, sizeof(T));
    }
    template <typename U>
        requires(std::is_convertible_v<U, T> && !std::is_same_v<std::remove_cvref_t<U>, T> &&
                 !std::is_same_v<std::remove_cvref_t<U>, Error>)
    Result(U&& v) : m_error(0) { new (&m_value) T(std::forward<U>(v)); }
    // For a trivially copyable T (integers, pointers, small structs) Result is trivially
    // copyable too, so the ABI returns it in registers (rax:rdx) instead of through memory:
    // most syscall paths return such Results through several calls.
    Result(Result&& o)
        requires std::is_trivially_copyable_v<T>
    = default;
    Result(Result&& o)
        requires(!std::is_trivially_copyable_v<T>)
        : m_error(o.m_error) {
        if (!m_error) new (&m_value) T(std::move(o.m_value));
    }
    Result(const Result&)
        requires std::is_trivially_copyable_v<T>
    = default;
    Result(const Result&)
        requires(!std::is_trivially_copyable_v<T>)
    = delete;
    Result& operator=(const Result&) = delete;
    Result& operator=(Result&&) = delete;
    ~Result()
        requires std::is_trivially_destructible_v<T>
    = default;
    ~Result()
        requires(!std::is_trivially_destructible_v<T>)
    {
        if (!m_error) m_value.~T();
    }

    bool is_error() const { return m_error != 0; }
    bool is_ok() const { return m_error == 0; }
    Error error() const { VERIFY(m_error); return Error(m_error); }
    int error_code() const { return m_error; }
    T& value() { VERIFY(!m_error); return m_value; }
    const T& value() const { VERIFY(!m_error); return m_value; }
    T release_value() { VERIFY(!m_error); return std::move(m_value); }
    T value_or(T fallback) const { return m_error ? fallback : m_value; }

private:
    union {
        T m_value;
    };
    int m_error;
};

template <>
class [[nodiscard]] Result<void> {
public:
    Result() : m_error(0) {}
    Result(Error e) : m_error(e.code) { VERIFY(e.code != 0); }
    bool is_error() const { return m_error != 0; }
    bool is_ok() const { return m_error == 0; }
    Error error() const { VERIFY(m_error); return Error(m_error); }
    int error_code() const { return m_error; }
    void release_value() {}

private:
    int m_error;
};

using VoidResult = Result<void>;

// GNU statement expression (gnu++20): evaluates to the value, or returns the error.
#define TRY(expr)                                  \
    ({                                             \
        auto _try_result = (expr);                 \
        if (unlikely(_try_result.is_error()))      \
            return _try_result.error();            \
        _try_result.release_value();               \
    })

// For results that cannot fail by construction (early boot); a failure is a kernel bug.
#define MUST(expr)                                 \
    ({                                             \
        auto _must_result = (expr);                \
        VERIFY(_must_result.is_ok());              \
        _must_result.release_value();              \
    })
