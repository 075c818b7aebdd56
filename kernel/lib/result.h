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
    Result(Error e) : m_error(e.code) { VERIFY(e.code != 0); }
    template <typename U>
        requires(std::is_convertible_v<U, T> && !std::is_same_v<std::remove_cvref_t<U>, T> &&
                 !std::is_same_v<std::remove_cvref_t<U>, Error>)
    Result(U&& v) : m_error(0) { new (&m_value) T(std::forward<U>(v)); }
    Result(Result&& o) : m_error(o.m_error) {
        if (!m_error) new (&m_value) T(std::move(o.m_value));
    }
    Result(const Result&) = delete;
    Result& operator=(const Result&) = delete;
    Result& operator=(Result&&) = delete;
    ~Result() {
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
