// SPDX-License-Identifier: MIT
// Kernel command line: space-separated words, `key` or `key=value`, double quotes group spaces
// (as Linux accepts `init="/bin/sh -x"`-style values). Pure and host-tested.
#pragma once

#include "lib/string_view.h"

class Cmdline {
public:
    static constexpr usize kMaxOptions = 64;
    static constexpr usize kMaxLength = 4096;

    struct Option {
        StringView key;
        StringView value;
        bool has_value;
    };

    // Parses text (copied into internal storage). Problems (too long, unterminated quote, too
    // many words) are recorded in error(); the parts that parsed stay usable.
    void parse(StringView text);

    const Option* find(StringView key) const;   // the last occurrence wins, as in Linux
    bool has(StringView key) const { return find(key) != nullptr; }
    StringView get(StringView key, StringView fallback = StringView()) const;
    // Integer option; fallback when absent or malformed (and a malformed one sets error()).
    i64 get_int(StringView key, i64 fallback) const;

    usize count() const { return m_count; }
    const Option& at(usize i) const { return m_options[i]; }
    const char* error() const { return m_error; }
    StringView raw() const { return StringView(m_storage, m_length); }

private:
    char m_storage[kMaxLength + 1] = {};
    usize m_length = 0;
    Option m_options[kMaxOptions] = {};
    usize m_count = 0;
    mutable const char* m_error = nullptr;
};
