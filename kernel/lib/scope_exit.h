// SPDX-License-Identifier: MIT
// Runs a callable when the scope ends (every early return of a TRY chain included).
#pragma once

template <typename F>
class ScopeExit {
public:
    explicit ScopeExit(F f) : m_f(f) {}
    ~ScopeExit() { m_f(); }
    ScopeExit(const ScopeExit&) = delete;
    ScopeExit& operator=(const ScopeExit&) = delete;

private:
    F m_f;
};
