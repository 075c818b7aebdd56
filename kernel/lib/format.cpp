// SPDX-License-Identifier: MIT
#include "lib/format.h"

namespace {

struct BufCtx {
    char* buf;
    usize size;
    usize len;
};

void buf_sink(void* p, const char* s, usize n) {
    auto* c = static_cast<BufCtx*>(p);
    for (usize i = 0; i < n; i++) {
        if (c->size && c->len + 1 < c->size) c->buf[c->len] = s[i];
        c->len++;
    }
}

struct Spec {
    bool left = false, zero = false, plus = false, space = false, alt = false;
    int width = 0;
    int precision = -1;
};

void emit_padded(FormatSink sink, void* ctx, const Spec& sp, const char* prefix, usize plen,
                 const char* body, usize blen) {
    usize zeros = 0;
    if (sp.precision >= 0 && static_cast<usize>(sp.precision) > blen) zeros = sp.precision - blen;
    usize total = plen + zeros + blen;
    usize pad = sp.width > 0 && static_cast<usize>(sp.width) > total ? sp.width - total : 0;
    bool zero_pad = sp.zero && !sp.left && sp.precision < 0;
    if (!sp.left && !zero_pad)
        for (usize i = 0; i < pad; i++) sink(ctx, " ", 1);
    if (plen) sink(ctx, prefix, plen);
    if (zero_pad)
        for (usize i = 0; i < pad; i++) sink(ctx, "0", 1);
    for (usize i = 0; i < zeros; i++) sink(ctx, "0", 1);
    if (blen) sink(ctx, body, blen);
    if (sp.left)
        for (usize i = 0; i < pad; i++) sink(ctx, " ", 1);
}

void emit_number(FormatSink sink, void* ctx, Spec sp, u64 v, bool negative, unsigned base,
                 bool upper, bool is_pointer) {
    char digits[24];
    usize n = 0;
    bool nonzero = v != 0;
    const char* set = upper ? "0123456789ABCDEF" : "0123456789abcdef";
    if (v == 0 && sp.precision == 0) {
        n = 0;
    } else {
        do {
            digits[sizeof(digits) - 1 - n] = set[v % base];
            v /= base;
            n++;
        } while (v);
    }
    char prefix[3];
    usize plen = 0;
    if (negative)
        prefix[plen++] = '-';
    else if (sp.plus)
        prefix[plen++] = '+';
    else if (sp.space)
        prefix[plen++] = ' ';
    // '#': 0x only before a nonzero value (pointers always have it); for octal a leading 0
    // unless the digits or the precision padding already start with one.
    bool precision_pads = sp.precision >= 0 && static_cast<usize>(sp.precision) > n;
    if (base == 16 && (is_pointer || (sp.alt && nonzero))) {
        prefix[plen++] = '0';
        prefix[plen++] = upper ? 'X' : 'x';
    } else if (sp.alt && base == 8 && !precision_pads && (n == 0 || digits[sizeof(digits) - n] != '0')) {
        prefix[plen++] = '0';
    }
    emit_padded(sink, ctx, sp, prefix, plen, digits + sizeof(digits) - n, n);
}

}  // namespace

void vformat_to(FormatSink sink, void* ctx, const char* fmt, va_list ap) {
    const char* run = fmt;
    while (*fmt) {
        if (*fmt != '%') {
            fmt++;
            continue;
        }
        if (fmt > run) sink(ctx, run, fmt - run);
        run = fmt;   // the spec itself, printed verbatim if it turns out malformed
        fmt++;
        Spec sp;
        for (;; fmt++) {
            if (*fmt == '-') sp.left = true;
            else if (*fmt == '0') sp.zero = true;
            else if (*fmt == '+') sp.plus = true;
            else if (*fmt == ' ') sp.space = true;
            else if (*fmt == '#') sp.alt = true;
            else break;
        }
        if (*fmt == '*') {
            sp.width = va_arg(ap, int);
            if (sp.width < 0) {
                sp.left = true;
                sp.width = -sp.width;
            }
            fmt++;
        } else {
            while (*fmt >= '0' && *fmt <= '9') sp.width = sp.width * 10 + (*fmt++ - '0');
        }
        if (*fmt == '.') {
            fmt++;
            sp.precision = 0;
            if (*fmt == '*') {
                sp.precision = va_arg(ap, int);
                if (sp.precision < 0) sp.precision = -1;
                fmt++;
            } else {
                while (*fmt >= '0' && *fmt <= '9') sp.precision = sp.precision * 10 + (*fmt++ - '0');
            }
        }
        int lng = 0;  // -2 hh, -1 h, 0 int, 1 long, 2 long long / size_t / intmax_t
        for (;; fmt++) {
            if (*fmt == 'h') lng = lng <= 0 ? lng - 1 : lng;
            else if (*fmt == 'l') lng = lng >= 0 ? lng + 1 : lng;
            else if (*fmt == 'z' || *fmt == 'j' || *fmt == 't') lng = 2;
            else break;
        }
        char conv = *fmt;
        if (!conv) break;
        fmt++;
        switch (conv) {
        case 'd':
        case 'i': {
            i64 v;
            if (lng >= 1) v = va_arg(ap, i64);
            else v = va_arg(ap, int);
            if (lng == -1) v = static_cast<i16>(v);
            if (lng == -2) v = static_cast<i8>(v);
            bool neg = v < 0;
            u64 mag = neg ? static_cast<u64>(0) - static_cast<u64>(v) : static_cast<u64>(v);
            emit_number(sink, ctx, sp, mag, neg, 10, false, false);
            break;
        }
        case 'u':
        case 'x':
        case 'X':
        case 'o': {
            u64 v;
            if (lng >= 1) v = va_arg(ap, u64);
            else v = va_arg(ap, unsigned);
            if (lng == -1) v = static_cast<u16>(v);
            if (lng == -2) v = static_cast<u8>(v);
            unsigned base = conv == 'u' ? 10 : conv == 'o' ? 8 : 16;
            sp.plus = sp.space = false;   // sign flags apply to signed conversions only
            emit_number(sink, ctx, sp, v, false, base, conv == 'X', false);
            break;
        }
        case 'p': {
            auto v = reinterpret_cast<uptr>(va_arg(ap, void*));
            emit_number(sink, ctx, sp, v, false, 16, false, true);
            break;
        }
        case 'c': {
            char c = static_cast<char>(va_arg(ap, int));
            Spec s2 = sp;
            s2.precision = -1;
            emit_padded(sink, ctx, s2, nullptr, 0, &c, 1);
            break;
        }
        case 's': {
            const char* s = va_arg(ap, const char*);
            if (!s) s = "(null)";
            usize n = 0;
            // Check the precision first: the string need not be terminated within it.
            while ((sp.precision < 0 || n < static_cast<usize>(sp.precision)) && s[n]) n++;
            Spec s2 = sp;
            s2.precision = -1;
            s2.zero = false;
            emit_padded(sink, ctx, s2, nullptr, 0, s, n);
            break;
        }
        case '%':
            sink(ctx, "%", 1);
            break;
        default:
            // Unknown conversion: print it verbatim so the mistake is visible.
            sink(ctx, run, fmt - run);
            break;
        }
        run = fmt;
    }
    if (fmt > run) sink(ctx, run, fmt - run);
}

usize vformat(char* buf, usize size, const char* fmt, va_list ap) {
    BufCtx c{buf, size, 0};
    vformat_to(buf_sink, &c, fmt, ap);
    if (size) buf[c.len < size ? c.len : size - 1] = '\0';
    return c.len;
}

usize format(char* buf, usize size, const char* fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    usize n = vformat(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
