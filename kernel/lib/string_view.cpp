// SPDX-License-Identifier: MIT
#include "lib/string_view.h"

#include "lib/checked.h"

bool glob_match(StringView p, StringView t) {
    // Iterative matcher with single-star backtracking: linear in practice, no recursion.
    usize pi = 0, ti = 0, star = ~usize(0), mark = 0;
    while (ti < t.length()) {
        if (pi < p.length() && (p[pi] == '?' || p[pi] == t[ti])) {
            pi++;
            ti++;
        } else if (pi < p.length() && p[pi] == '*') {
            star = pi++;
            mark = ti;
        } else if (star != ~usize(0)) {
            pi = star + 1;
            ti = ++mark;
        } else {
            return false;
        }
    }
    while (pi < p.length() && p[pi] == '*') pi++;
    return pi == p.length();
}

bool parse_u64(StringView s, u64& out) {
    unsigned base = 10;
    if (s.starts_with("0x") || s.starts_with("0X")) {
        base = 16;
        s = s.substr(2);
    }
    if (s.empty()) return false;
    u64 v = 0;
    for (usize i = 0; i < s.length(); i++) {
        char c = s[i];
        unsigned d;
        if (c >= '0' && c <= '9') d = c - '0';
        else if (base == 16 && c >= 'a' && c <= 'f') d = c - 'a' + 10;
        else if (base == 16 && c >= 'A' && c <= 'F') d = c - 'A' + 10;
        else return false;
        if (!checked_mul(v, u64(base), v) || !checked_add(v, u64(d), v)) return false;
    }
    out = v;
    return true;
}

bool parse_octal_mode(StringView s, u32& out) {
    if (s.empty()) return false;
    u32 v = 0;
    for (usize i = 0; i < s.length(); i++) {
        if (s[i] < '0' || s[i] > '7' || v > 07777) return false;
        v = v * 8 + u32(s[i] - '0');
    }
    if (v > 07777) return false;
    out = v;
    return true;
}

bool next_mount_option(StringView& rest, StringView& key, StringView& value, bool& has_value) {
    while (!rest.empty()) {
        usize comma = rest.find(',');
        StringView opt = rest.substr(0, comma);
        rest = rest.substr(comma < rest.length() ? comma + 1 : comma);
        if (opt.empty()) continue;
        usize eq = opt.find('=');
        key = opt.substr(0, eq);
        has_value = eq < opt.length();
        value = has_value ? opt.substr(eq + 1) : StringView();
        return true;
    }
    return false;
}
