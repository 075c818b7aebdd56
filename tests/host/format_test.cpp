// SPDX-License-Identifier: MIT
// Host tests for vformat/format/vformat_to: a large table of formats and values compared with
// the host's snprintf, truncation and return values, and our own documented deviations.
#include <gtest/gtest.h>

#include <climits>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "lib/format.h"

namespace {

// Formats with both libc and ours. The format is a runtime string on purpose: the table holds
// combinations (such as '+' with %u) that the compiler's format checker would reject.
std::string libc_format(const char* fmt, va_list ap) {
    va_list ap2;
    va_copy(ap2, ap);
    int n = std::vsnprintf(nullptr, 0, fmt, ap2);
    va_end(ap2);
    EXPECT_GE(n, 0) << "libc rejected " << fmt;
    if (n < 0) return {};
    std::string s(static_cast<size_t>(n) + 1, '\0');
    std::vsnprintf(s.data(), s.size(), fmt, ap);
    s.resize(static_cast<size_t>(n));
    return s;
}

std::string ours_format(const char* fmt, va_list ap) {
    char buf[1024];
    std::memset(buf, 0x5a, sizeof(buf));
    usize n = vformat(buf, sizeof(buf), fmt, ap);
    EXPECT_LT(n, sizeof(buf)) << "test output too long for " << fmt;
    EXPECT_EQ(buf[n < sizeof(buf) ? n : sizeof(buf) - 1], '\0') << fmt;
    return std::string(buf, n < sizeof(buf) ? n : sizeof(buf) - 1);
}

void sink_append(void* ctx, const char* s, usize n) { static_cast<std::string*>(ctx)->append(s, n); }

std::string ours_sink(const char* fmt, va_list ap) {
    std::string out;
    vformat_to(sink_append, &out, fmt, ap);
    return out;
}

// Counts mismatches so table tests can report all of them and still fail.
int g_mismatches = 0;

void compare_v(const char* fmt, va_list ap) {
    va_list a1, a2;
    va_copy(a1, ap);
    va_copy(a2, ap);
    std::string want = libc_format(fmt, ap);
    std::string got = ours_format(fmt, a1);
    std::string streamed = ours_sink(fmt, a2);
    va_end(a1);
    va_end(a2);
    if (got != want || streamed != want) g_mismatches++;
    EXPECT_EQ(got, want) << "format \"" << fmt << "\"";
    EXPECT_EQ(streamed, want) << "vformat_to, format \"" << fmt << "\"";
}

void compare(const char* fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    compare_v(fmt, ap);
    va_end(ap);
}

// No format attribute: these take deliberately malformed formats.
usize ours_n(char* buf, usize size, const char* fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    usize n = vformat(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

std::string ours(const char* fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    std::string s = ours_format(fmt, ap);
    va_end(ap);
    return s;
}

char conversion_of(const std::string& f) { return f.back(); }

const std::vector<std::string> kFlagSets = {"", "-", "0", "+", " ", "#", "-0", "+0", " 0", "#0", "-#", "+ ", "-+", "0+#"};
const std::vector<std::string> kWidths = {"", "1", "5", "12", "25"};
const std::vector<std::string> kPrecisions = {"", ".", ".0", ".1", ".3", ".8", ".20"};

// Every flag/width/precision combination for one conversion and length modifier.
std::vector<std::string> build_formats(const std::string& length, const std::string& convs) {
    std::vector<std::string> out;
    for (char conv : convs)
        for (const auto& fl : kFlagSets)
            for (const auto& w : kWidths)
                for (const auto& p : kPrecisions) out.push_back("%" + fl + w + p + length + conv);
    return out;
}

} // namespace

TEST(Format, PlainText) {
    compare("");
    compare("hello, world");
    compare("100%%");
    compare("%%d");
    compare("%%%%");
    compare("a%%b%%c");
    EXPECT_EQ(ours("%5%|%-3%|"), "%|%|");   // like glibc, a width on %% is ignored
}

TEST(Format, IntConversionsMatchLibc) {
    const std::vector<int> values = {0, 1, -1, 7, 8, 9, 10, 15, 16, 42, -42, 100, 255, 256, -255, 4096,
                                     65535, 65536, 70000, -70000, 123456789, INT_MAX, INT_MIN, INT_MIN + 1};
    g_mismatches = 0;
    int cases = 0;
    for (const auto& f : build_formats("", "diuxXo")) {
        char c = conversion_of(f);
        for (int v : values) {
            if (c == 'd' || c == 'i') compare(f.c_str(), v);
            else compare(f.c_str(), static_cast<unsigned>(v));
            cases++;
        }
    }
    EXPECT_EQ(g_mismatches, 0) << "of " << cases;
    EXPECT_GT(cases, 10000);
}

TEST(Format, ShortLengthModifiersMatchLibc) {
    // hh and h: the argument is promoted to int, then narrowed by the conversion.
    const std::vector<int> values = {0, 1, -1, 127, 128, -128, -129, 200, 255, 256, 300, 32767, 32768,
                                     -32768, -32769, 65535, 65536, 70000, INT_MAX, INT_MIN};
    g_mismatches = 0;
    for (const std::string len : {"hh", "h"}) {
        for (const auto& f : build_formats(len, "diuxXo")) {
            char c = conversion_of(f);
            for (int v : values) {
                if (c == 'd' || c == 'i') compare(f.c_str(), v);
                else compare(f.c_str(), static_cast<unsigned>(v));
            }
        }
    }
    EXPECT_EQ(g_mismatches, 0);
}

TEST(Format, LongLengthModifiersMatchLibc) {
    const std::vector<long long> values = {0,
                                           1,
                                           -1,
                                           42,
                                           -42,
                                           INT_MAX,
                                           static_cast<long long>(INT_MAX) + 1,
                                           INT_MIN,
                                           static_cast<long long>(INT_MIN) - 1,
                                           UINT_MAX,
                                           0x123456789abcdefLL,
                                           -0x123456789abcdefLL,
                                           LLONG_MAX,
                                           LLONG_MIN,
                                           LLONG_MIN + 1};
    g_mismatches = 0;
    for (const std::string len : {"l", "ll"}) {
        for (const auto& f : build_formats(len, "diuxXo")) {
            char c = conversion_of(f);
            for (long long v : values) {
                if (c == 'd' || c == 'i') {
                    if (len == "l") compare(f.c_str(), static_cast<long>(v));
                    else compare(f.c_str(), v);
                } else {
                    if (len == "l") compare(f.c_str(), static_cast<unsigned long>(v));
                    else compare(f.c_str(), static_cast<unsigned long long>(v));
                }
            }
        }
    }
    EXPECT_EQ(g_mismatches, 0);
}

TEST(Format, SizeMaxPtrdiffModifiersMatchLibc) {
    const std::vector<long long> values = {0, 1, -1, 4096, -4096, LLONG_MAX, LLONG_MIN, 0xdeadbeefcafeLL};
    g_mismatches = 0;
    for (const auto& f : build_formats("z", "diuxXo")) {
        char c = conversion_of(f);
        for (long long v : values) {
            if (c == 'd' || c == 'i') compare(f.c_str(), static_cast<ssize_t>(v));
            else compare(f.c_str(), static_cast<size_t>(v));
        }
    }
    for (const auto& f : build_formats("j", "diuxXo")) {
        char c = conversion_of(f);
        for (long long v : values) {
            if (c == 'd' || c == 'i') compare(f.c_str(), static_cast<intmax_t>(v));
            else compare(f.c_str(), static_cast<uintmax_t>(v));
        }
    }
    for (const auto& f : build_formats("t", "dixo")) {
        char c = conversion_of(f);
        for (long long v : values) {
            if (c == 'd' || c == 'i') compare(f.c_str(), static_cast<ptrdiff_t>(v));
            else compare(f.c_str(), static_cast<size_t>(v));
        }
    }
    EXPECT_EQ(g_mismatches, 0);
}

TEST(Format, SelectedIntCases) {
    // A few spelled out, so a failure here reads easily.
    EXPECT_EQ(ours("%d", -123), "-123");
    EXPECT_EQ(ours("%05d", -42), "-0042");
    EXPECT_EQ(ours("%-5d|", 42), "42   |");
    EXPECT_EQ(ours("%+d %+d", 5, -5), "+5 -5");
    EXPECT_EQ(ours("% d", 5), " 5");
    EXPECT_EQ(ours("%.0d|", 0), "|");
    EXPECT_EQ(ours("%#x %#X %#o", 255u, 255u, 8u), "0xff 0XFF 010");
    EXPECT_EQ(ours("%#010x", 255u), "0x000000ff");
    EXPECT_EQ(ours("%lld", LLONG_MIN), "-9223372036854775808");
    EXPECT_EQ(ours("%llx", ~0ULL), "ffffffffffffffff");
    EXPECT_EQ(ours("%hhd", 200), "-56");
    EXPECT_EQ(ours("%zu", static_cast<size_t>(4096)), "4096");
}

TEST(Format, FlagsThatOnlyApplyToSomeConversions) {
    // '+' and ' ' are for signed conversions; '#' adds 0x only to a nonzero hex value and
    // must not add an extra 0 to octal when the precision already gives one.
    EXPECT_EQ(ours("%+u|% u|%+x|% X|%+o", 5u, 5u, 255u, 255u, 8u), "5|5|ff|FF|10");
    EXPECT_EQ(ours("%#x|%#X|%#o", 0u, 0u, 0u), "0|0|0");
    EXPECT_EQ(ours("%#.5o|%#.0o|%#.1o", 8u, 0u, 8u), "00010|0|010");
    EXPECT_EQ(ours("%#.0x|%#5x|", 0u, 0u), "|    0|");
}

TEST(Format, StringsMatchLibc) {
    const std::vector<const char*> values = {"", "a", "hello", "hello, world; this is longer than widths", "%d"};
    const std::vector<std::string> formats = {"%s", "%1s", "%10s", "%-10s", "%.0s", "%.1s", "%.3s", "%.50s",
                                              "%10.3s", "%-10.3s", "%3.10s", "%-1s|", "%.s|", "[%s]"};
    g_mismatches = 0;
    for (const auto& f : formats)
        for (const char* v : values) compare(f.c_str(), v);
    EXPECT_EQ(g_mismatches, 0);
}

TEST(Format, StringPrecisionDoesNotReadPastIt) {
    // Not NUL-terminated: a precision must stop the scan (ASan reports a read past it).
    char unterminated[3] = {'a', 'b', 'c'};
    EXPECT_EQ(ours("%.3s", unterminated), "abc");
    EXPECT_EQ(ours("%.2s|", unterminated), "ab|");
    EXPECT_EQ(ours("%5.3s|", unterminated), "  abc|");
}

TEST(Format, CharsMatchLibc) {
    const std::vector<int> values = {'a', 'Z', ' ', '%', '0', 0x7f};
    const std::vector<std::string> formats = {"%c", "%1c", "%3c", "%-3c|", "[%c]", "%c%c"};
    g_mismatches = 0;
    for (const auto& f : formats)
        for (int v : values) compare(f.c_str(), v, v);
    EXPECT_EQ(g_mismatches, 0);
    // A NUL character is output and counted like any other.
    char buf[8];
    std::memset(buf, 'x', sizeof(buf));
    EXPECT_EQ(format(buf, sizeof(buf), "a%cb", 0), 3u);
    EXPECT_EQ(std::memcmp(buf, "a\0b\0", 4), 0);
}

TEST(Format, PointersMatchLibcWhenNonNull) {
    int object = 0;
    const std::vector<void*> values = {reinterpret_cast<void*>(0x1), reinterpret_cast<void*>(0x1234),
                                       reinterpret_cast<void*>(0xffffffff80001000ULL), &object,
                                       reinterpret_cast<void*>(UINTPTR_MAX)};
    const std::vector<std::string> formats = {"%p", "%20p", "%-20p|", "%1p", "[%p]"};
    g_mismatches = 0;
    for (const auto& f : formats)
        for (void* v : values) compare(f.c_str(), v);
    EXPECT_EQ(g_mismatches, 0);
    EXPECT_EQ(ours("%p", reinterpret_cast<void*>(0xabc)), "0xabc");
}

TEST(Format, NullPointerAndNullString) {
    // glibc prints "(nil)" for a null %p; ours keeps the uniform 0x-prefixed hex.
    EXPECT_EQ(ours("%p", nullptr), "0x0");
    EXPECT_EQ(ours("%5p|%-5p|", nullptr, nullptr), "  0x0|0x0  |");
    // A null %s prints "(null)"; a precision cuts it like any string (glibc prints nothing).
    const char* null_str = nullptr;
    EXPECT_EQ(ours("%s", null_str), "(null)");
    EXPECT_EQ(ours("%8s|%-8s|", null_str, null_str), "  (null)|(null)  |");
    EXPECT_EQ(ours("%.3s", null_str), "(nu");
}

TEST(Format, StarWidthAndPrecisionMatchLibc) {
    const std::vector<int> widths = {-12, -5, -1, 0, 1, 3, 9};
    const std::vector<int> precisions = {-4, -1, 0, 1, 2, 6};
    const std::vector<int> values = {0, 7, -7, 12345, INT_MIN};
    g_mismatches = 0;
    for (int w : widths)
        for (int v : values) {
            compare("%*d|", w, v);
            compare("%-*d|", w, v);
            compare("%0*d|", w, v);
            compare("%*x|", w, static_cast<unsigned>(v));
            compare("%*s|", w, "abc");
            compare("%*c|", w, 'q');
        }
    for (int p : precisions)
        for (int v : values) {
            compare("%.*d|", p, v);
            compare("%08.*d|", p, v);   // a precision (not a negative one) disables '0'
            compare("%#.*o|", p, static_cast<unsigned>(v));
            compare("%.*s|", p, "abcdef");
        }
    for (int w : widths)
        for (int p : precisions) {
            compare("%*.*d|", w, p, -42);
            compare("%-*.*s|", w, p, "hello");
            compare("%*.*lld|", w, p, LLONG_MIN);
        }
    EXPECT_EQ(g_mismatches, 0);
}

TEST(Format, MixedFormatsMatchLibc) {
    compare("pid %d (%s) state %c flags %#x", 42, "init", 'R', 0x80u);
    compare("%s=%lu %s=%lld%%", "rss", 123456UL, "delta", -99LL);
    compare("[%5s|%-5s|%05d|%-+5d]", "ab", "cd", 12, 34);
    compare("%llu %llx %llo", ~0ULL, ~0ULL, ~0ULL);
    compare("%zu bytes at %p", static_cast<size_t>(4096), reinterpret_cast<void*>(0xffff800000000000ULL));
    compare("%c%c%c", 'a', 'b', 'c');
    compare("%hhu.%hhu.%hhu.%hhu", 192, 168, 0, 1);
    compare("%08x:%04hx", 0xdeadu, 0xbeef);
}

TEST(Format, TruncationLikeVsnprintf) {
    // For every buffer size, the return value, the written prefix and the terminator match
    // libc's, and nothing past `size` is touched.
    struct Case {
        const char* fmt;
        int i;
        const char* s;
    };
    const Case cases[] = {{"hello %d, %s%%!", 42, "world"}, {"[%5d|%-8s]", -3, "abc"}, {"%d", 0, ""},
                          {"%d%s", 0, "x"}, {"%.0d", 0, ""}};
    for (const Case& c : cases) {
        char want_full[256];
        int want_n = std::snprintf(want_full, sizeof(want_full), c.fmt, c.i, c.s);
        ASSERT_GE(want_n, 0);
        for (usize size = 0; size <= static_cast<usize>(want_n) + 2; size++) {
            SCOPED_TRACE(testing::Message() << c.fmt << " size " << size);
            char want[300], got[300];
            std::memset(want, 0x5a, sizeof(want));
            std::memset(got, 0x5a, sizeof(got));
            int wn = std::snprintf(want, size, c.fmt, c.i, c.s);
            usize gn = format(got, size, c.fmt, c.i, c.s);
            EXPECT_EQ(gn, static_cast<usize>(wn));
            EXPECT_EQ(std::memcmp(got, want, sizeof(got)), 0);
            if (size > 0) {
                usize term = min(size - 1, static_cast<usize>(want_n));
                EXPECT_EQ(got[term], '\0');
                EXPECT_EQ(std::string(got, term), std::string(want_full, term));
            }
            EXPECT_EQ(static_cast<unsigned char>(got[size]), 0x5au) << "wrote past the buffer";
        }
    }
}

TEST(Format, SizeZeroWritesNothing) {
    EXPECT_EQ(format(nullptr, 0, "%s=%d", "abc", 12345), 9u);
    char c = 'q';
    EXPECT_EQ(format(&c, 0, "%d", 7), 1u);
    EXPECT_EQ(c, 'q');
    char one[1] = {'q'};
    EXPECT_EQ(format(one, 1, "%d", 7), 1u);
    EXPECT_EQ(one[0], '\0');
}

TEST(Format, LongOutputReturnsFullLength) {
    char buf[16];
    usize n = format(buf, sizeof(buf), "%200d|%s", 1, "tail");
    EXPECT_EQ(n, 205u);
    EXPECT_EQ(std::strlen(buf), sizeof(buf) - 1);
    EXPECT_EQ(std::string(buf), std::string(15, ' '));
}

TEST(Format, SinkSeesTheWholeOutput) {
    // vformat_to streams without a buffer limit.
    std::string big(5000, 'x');
    auto run = [](const char* fmt, ...) {
        va_list ap;
        va_start(ap, fmt);
        std::string s = ours_sink(fmt, ap);
        va_end(ap);
        return s;
    };
    std::string out = run("<%s>%4000d", big.c_str(), 9);
    ASSERT_EQ(out.size(), 5002u + 4000u);
    EXPECT_EQ(out.substr(0, 3), "<xx");
    EXPECT_EQ(out.substr(5000, 3), "x> ");
    EXPECT_EQ(out.back(), '9');
}

TEST(Format, MalformedSpecsArePrintedVerbatim) {
    // Unknown conversions and a trailing '%' appear as written, and text before them once.
    EXPECT_EQ(ours("%y"), "%y");
    EXPECT_EQ(ours("a%-5yb"), "a%-5yb");
    EXPECT_EQ(ours("ab%"), "ab%");
    EXPECT_EQ(ours("ab%-08"), "ab%-08");
    EXPECT_EQ(ours("%d%", 5), "5%");
    char buf[4];
    EXPECT_EQ(ours_n(buf, sizeof(buf), "ab%"), 3u);
    EXPECT_STREQ(buf, "ab%");
}
