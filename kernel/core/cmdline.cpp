// SPDX-License-Identifier: MIT
#include "core/cmdline.h"

void Cmdline::parse(StringView text) {
    m_count = 0;
    m_error = nullptr;
    if (text.length() > kMaxLength) {
        m_error = "command line too long; truncated";
        text = text.substr(0, kMaxLength);
    }
    for (usize i = 0; i < text.length(); i++) m_storage[i] = text[i];
    m_length = text.length();
    m_storage[m_length] = '\0';

    usize i = 0;
    while (i < m_length) {
        while (i < m_length && (m_storage[i] == ' ' || m_storage[i] == '\t' || m_storage[i] == '\n')) i++;
        if (i >= m_length) break;
        usize key_start = i;
        while (i < m_length && m_storage[i] != '=' && m_storage[i] != ' ' && m_storage[i] != '\t' &&
               m_storage[i] != '\n')
            i++;
        Option opt{StringView(m_storage + key_start, i - key_start), StringView(), false};
        if (i < m_length && m_storage[i] == '=') {
            i++;
            opt.has_value = true;
            usize vstart = i;
            if (i < m_length && m_storage[i] == '"') {
                vstart = ++i;
                while (i < m_length && m_storage[i] != '"') i++;
                if (i >= m_length) m_error = "unterminated quote in command line";
                opt.value = StringView(m_storage + vstart, i - vstart);
                if (i < m_length) i++;
            } else {
                while (i < m_length && m_storage[i] != ' ' && m_storage[i] != '\t' && m_storage[i] != '\n') i++;
                opt.value = StringView(m_storage + vstart, i - vstart);
            }
        }
        if (opt.key.empty()) {
            m_error = "empty option name in command line";
            continue;
        }
        if (m_count == kMaxOptions) {
            m_error = "too many command-line options; extra ones ignored";
            break;
        }
        m_options[m_count++] = opt;
    }
}

const Cmdline::Option* Cmdline::find(StringView key) const {
    for (usize i = m_count; i-- > 0;)
        if (m_options[i].key == key) return &m_options[i];
    return nullptr;
}

StringView Cmdline::get(StringView key, StringView fallback) const {
    const Option* o = find(key);
    return o && o->has_value ? o->value : fallback;
}

i64 Cmdline::get_int(StringView key, i64 fallback) const {
    const Option* o = find(key);
    if (!o || !o->has_value) return fallback;
    StringView v = o->value;
    bool neg = false;
    if (v.starts_with("-")) {
        neg = true;
        v = v.substr(1);
    }
    u64 n;
    // The magnitude may be one more than INT64_MAX when negative (INT64_MIN).
    if (!parse_u64(v, n) || n > u64(INT64_MAX) + (neg ? 1 : 0)) {
        m_error = "malformed number in command line";
        return fallback;
    }
    return neg ? static_cast<i64>(u64(0) - n) : static_cast<i64>(n);
}
