// SPDX-License-Identifier: MIT
// A non-owning view of characters; the command-line parser, path walk and symbol lookup use it.
#pragma once

#include "lib/types.h"

class StringView {
public:
    constexpr StringView() = default;
    constexpr StringView(const char* s, usize n) : m_data(s), m_len(n) {}
    constexpr StringView(const char* s) : m_data(s), m_len(s ? __builtin_strlen(s) : 0) {}

    constexpr const char* data() const { return m_data; }
    constexpr usize length() const { return m_len; }
    constexpr bool empty() const { return m_len == 0; }
    constexpr char operator[](usize i) const { return m_data[i]; }

    constexpr StringView substr(usize start, usize n = ~usize(0)) const {
        if (start > m_len) start = m_len;
        if (n > m_len - start) n = m_len - start;
        return StringView(m_data + start, n);
    }
    constexpr bool starts_with(StringView p) const {
        return p.m_len <= m_len && substr(0, p.m_len) == p;
    }
    constexpr bool ends_with(StringView p) const {
        return p.m_len <= m_len && substr(m_len - p.m_len) == p;
    }
    // Index of c, or length() when absent.
    constexpr usize find(char c, usize from = 0) const {
        for (usize i = from; i < m_len; i++)
            if (m_data[i] == c) return i;
        return m_len;
    }
    constexpr bool operator==(StringView o) const {
        if (m_len != o.m_len) return false;
        for (usize i = 0; i < m_len; i++)
            if (m_data[i] != o.m_data[i]) return false;
        return true;
    }

private:
    const char* m_data = nullptr;
    usize m_len = 0;
};

// Shell-style glob with '*' and '?' (used by ktest=GLOB).
bool glob_match(StringView pattern, StringView text);

// Parses an unsigned decimal or 0x-prefixed hexadecimal number; false on junk or overflow.
bool parse_u64(StringView s, u64& out);
// Splits the next "key[=value]" off a comma-separated mount option string (empty options are
// skipped); false when none is left. has_value tells "key=" from "key".
bool next_mount_option(StringView& rest, StringView& key, StringView& value, bool& has_value);
// Parses octal permission bits (mount options' mode=): at most 07777; false on junk.
bool parse_octal_mode(StringView s, u32& out);
