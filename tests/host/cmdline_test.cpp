// SPDX-License-Identifier: MIT
// Host tests for the kernel command-line parser (Cmdline): words, values, quotes, limits,
// integers, whitespace and the error reporting that lets parsing continue.
#include <gtest/gtest.h>

#include <climits>
#include <memory>
#include <string>

#include "core/cmdline.h"

namespace {

std::string sv(StringView s) { return std::string(s.data(), s.length()); }

// Cmdline holds a 4 KiB buffer: keep it off the stack.
std::unique_ptr<Cmdline> parsed(const std::string& text) {
    auto c = std::make_unique<Cmdline>();
    c->parse(StringView(text.data(), text.size()));
    return c;
}

std::string value_of(const Cmdline& c, const char* key) { return sv(c.get(key, "<absent>")); }

} // namespace

TEST(Cmdline, Empty) {
    auto c = parsed("");
    EXPECT_EQ(c->count(), 0u);
    EXPECT_EQ(c->error(), nullptr);
    EXPECT_FALSE(c->has("anything"));
    EXPECT_EQ(c->find("anything"), nullptr);
    EXPECT_EQ(c->raw().length(), 0u);
}

TEST(Cmdline, KeysAndValues) {
    auto c = parsed("console=ttyS0 quiet loglevel=7 init=/bin/sh");
    EXPECT_EQ(c->error(), nullptr);
    ASSERT_EQ(c->count(), 4u);
    EXPECT_EQ(sv(c->at(0).key), "console");
    EXPECT_TRUE(c->at(0).has_value);
    EXPECT_EQ(sv(c->at(0).value), "ttyS0");
    EXPECT_EQ(sv(c->at(1).key), "quiet");
    EXPECT_FALSE(c->at(1).has_value);
    EXPECT_EQ(value_of(*c, "console"), "ttyS0");
    EXPECT_EQ(value_of(*c, "init"), "/bin/sh");
    EXPECT_EQ(value_of(*c, "loglevel"), "7");
    EXPECT_EQ(value_of(*c, "missing"), "<absent>");
    EXPECT_EQ(sv(c->raw()), "console=ttyS0 quiet loglevel=7 init=/bin/sh");
}

TEST(Cmdline, KeyWithoutValue) {
    auto c = parsed("quiet nosmp");
    EXPECT_TRUE(c->has("quiet"));
    EXPECT_TRUE(c->has("nosmp"));
    EXPECT_FALSE(c->has("quie"));     // whole-key match only
    EXPECT_FALSE(c->has("quiet2"));
    const Cmdline::Option* o = c->find("quiet");
    ASSERT_NE(o, nullptr);
    EXPECT_FALSE(o->has_value);
    // get() on a key without a value gives the fallback.
    EXPECT_EQ(value_of(*c, "quiet"), "<absent>");
    EXPECT_EQ(c->get_int("quiet", 5), 5);
    EXPECT_EQ(c->error(), nullptr);   // a bare key asked for as a number is not malformed
}

TEST(Cmdline, EmptyValue) {
    auto c = parsed("root= x=1");
    const Cmdline::Option* o = c->find("root");
    ASSERT_NE(o, nullptr);
    EXPECT_TRUE(o->has_value);
    EXPECT_TRUE(o->value.empty());
    EXPECT_EQ(value_of(*c, "root"), "");   // present but empty: not the fallback
    EXPECT_EQ(value_of(*c, "x"), "1");
}

TEST(Cmdline, ValueContainingEquals) {
    auto c = parsed("opt=a=b=c");
    EXPECT_EQ(value_of(*c, "opt"), "a=b=c");
    EXPECT_FALSE(c->has("a"));
}

TEST(Cmdline, EmptyKeyIsAnErrorAndSkipped) {
    auto c = parsed("a=1 =value b=2");
    ASSERT_NE(c->error(), nullptr);
    EXPECT_NE(std::string(c->error()).find("empty option name"), std::string::npos);
    EXPECT_EQ(c->count(), 2u);
    EXPECT_EQ(value_of(*c, "a"), "1");
    EXPECT_EQ(value_of(*c, "b"), "2");
    EXPECT_FALSE(c->has(""));
}

TEST(Cmdline, LastOccurrenceWins) {
    auto c = parsed("loglevel=3 quiet loglevel=7 init=/a init=/b");
    EXPECT_EQ(value_of(*c, "loglevel"), "7");
    EXPECT_EQ(value_of(*c, "init"), "/b");
    EXPECT_EQ(c->get_int("loglevel", 0), 7);
    // The last occurrence decides even when it has no value.
    auto d = parsed("opt=1 opt");
    const Cmdline::Option* o = d->find("opt");
    ASSERT_NE(o, nullptr);
    EXPECT_FALSE(o->has_value);
    EXPECT_EQ(value_of(*d, "opt"), "<absent>");
    EXPECT_EQ(d->count(), 2u);   // earlier occurrences are kept, just shadowed
}

TEST(Cmdline, QuotedValues) {
    auto c = parsed("init=\"/bin/sh -x -c ls\" quiet msg=\"\" tail=1");
    EXPECT_EQ(c->error(), nullptr);
    EXPECT_EQ(value_of(*c, "init"), "/bin/sh -x -c ls");
    EXPECT_TRUE(c->has("quiet"));
    EXPECT_EQ(value_of(*c, "msg"), "");
    ASSERT_NE(c->find("msg"), nullptr);
    EXPECT_TRUE(c->find("msg")->has_value);
    EXPECT_EQ(value_of(*c, "tail"), "1");
    EXPECT_EQ(c->count(), 4u);
}

TEST(Cmdline, QuotedValueWithTabsAndEquals) {
    auto c = parsed("a=\"x\ty = z\"\tb=2");
    EXPECT_EQ(c->error(), nullptr);
    EXPECT_EQ(value_of(*c, "a"), "x\ty = z");
    EXPECT_EQ(value_of(*c, "b"), "2");
}

TEST(Cmdline, UnterminatedQuote) {
    auto c = parsed("first=1 init=\"/bin/sh -x");
    ASSERT_NE(c->error(), nullptr);
    EXPECT_NE(std::string(c->error()).find("unterminated quote"), std::string::npos);
    // What parsed before stays usable, and the open value runs to the end.
    EXPECT_EQ(value_of(*c, "first"), "1");
    EXPECT_EQ(value_of(*c, "init"), "/bin/sh -x");
    EXPECT_EQ(c->count(), 2u);
}

TEST(Cmdline, UnterminatedQuoteAtEnd) {
    auto c = parsed("a=\"");
    ASSERT_NE(c->error(), nullptr);
    EXPECT_EQ(value_of(*c, "a"), "");
    EXPECT_EQ(c->count(), 1u);
}

TEST(Cmdline, WhitespaceVariants) {
    auto c = parsed("  \t\n a=1\t\tb=2\n\nc \t d=4 \n\t ");
    EXPECT_EQ(c->error(), nullptr);
    ASSERT_EQ(c->count(), 4u);
    EXPECT_EQ(sv(c->at(0).key), "a");
    EXPECT_EQ(value_of(*c, "a"), "1");
    EXPECT_EQ(value_of(*c, "b"), "2");
    EXPECT_TRUE(c->has("c"));
    EXPECT_FALSE(c->find("c")->has_value);
    EXPECT_EQ(value_of(*c, "d"), "4");   // trailing whitespace is not part of the value
    auto blank = parsed(" \t\n\n ");
    EXPECT_EQ(blank->count(), 0u);
    EXPECT_EQ(blank->error(), nullptr);
}

TEST(Cmdline, ReparseResetsState) {
    Cmdline c;
    c.parse("a=\"open");
    EXPECT_NE(c.error(), nullptr);
    c.parse("b=2");
    EXPECT_EQ(c.error(), nullptr);
    EXPECT_EQ(c.count(), 1u);
    EXPECT_FALSE(c.has("a"));
    EXPECT_EQ(c.get_int("b", 0), 2);
}

TEST(Cmdline, CopiesTheInput) {
    std::string text = "key=value";
    Cmdline c;
    c.parse(StringView(text.data(), text.size()));
    text.assign("XXXXXXXXX");
    EXPECT_EQ(value_of(c, "key"), "value");
    EXPECT_EQ(sv(c.raw()), "key=value");
}

TEST(Cmdline, ExactlyMaxOptionsIsFine) {
    std::string text;
    for (usize i = 0; i < Cmdline::kMaxOptions; i++) text += "k" + std::to_string(i) + "=" + std::to_string(i) + " ";
    auto c = parsed(text);
    EXPECT_EQ(c->error(), nullptr);
    EXPECT_EQ(c->count(), Cmdline::kMaxOptions);
    EXPECT_EQ(c->get_int("k63", -1), 63);
}

TEST(Cmdline, TooManyOptions) {
    std::string text;
    for (usize i = 0; i < Cmdline::kMaxOptions + 10; i++) text += "k" + std::to_string(i) + "=" + std::to_string(i) + " ";
    auto c = parsed(text);
    ASSERT_NE(c->error(), nullptr);
    EXPECT_NE(std::string(c->error()).find("too many"), std::string::npos);
    EXPECT_EQ(c->count(), Cmdline::kMaxOptions);
    EXPECT_EQ(c->get_int("k0", -1), 0);
    EXPECT_EQ(c->get_int("k63", -1), 63);
    EXPECT_FALSE(c->has("k64"));   // the extra ones are ignored
    EXPECT_FALSE(c->has("k73"));
}

TEST(Cmdline, TooLongIsTruncated) {
    std::string text = "first=1 ";
    while (text.size() < Cmdline::kMaxLength - 4) text += 'x';
    text += " last=2 after=3";   // "last" straddles the limit
    ASSERT_GT(text.size(), Cmdline::kMaxLength);
    auto c = parsed(text);
    ASSERT_NE(c->error(), nullptr);
    EXPECT_NE(std::string(c->error()).find("too long"), std::string::npos);
    EXPECT_EQ(c->raw().length(), Cmdline::kMaxLength);
    EXPECT_EQ(sv(c->raw()), text.substr(0, Cmdline::kMaxLength));
    EXPECT_EQ(value_of(*c, "first"), "1");
    EXPECT_FALSE(c->has("after"));
    EXPECT_FALSE(c->has("last"));
    EXPECT_TRUE(c->has("las"));   // the cut word, as far as it got
}

TEST(Cmdline, ExactlyMaxLengthIsFine) {
    std::string text = "a=" + std::string(Cmdline::kMaxLength - 2, 'v');
    auto c = parsed(text);
    EXPECT_EQ(c->error(), nullptr);
    EXPECT_EQ(c->get("a").length(), Cmdline::kMaxLength - 2);
}

TEST(Cmdline, Integers) {
    auto c = parsed("a=42 b=-17 c=0x1f d=-0x10 e=0 f=9223372036854775807 g=0XFF");
    EXPECT_EQ(c->get_int("a", 0), 42);
    EXPECT_EQ(c->get_int("b", 0), -17);
    EXPECT_EQ(c->get_int("c", 0), 31);
    EXPECT_EQ(c->get_int("d", 0), -16);
    EXPECT_EQ(c->get_int("e", 5), 0);
    EXPECT_EQ(c->get_int("f", 0), INT64_MAX);
    EXPECT_EQ(c->get_int("g", 0), 255);
    EXPECT_EQ(c->get_int("absent", -99), -99);
    EXPECT_EQ(c->error(), nullptr);
}

TEST(Cmdline, MostNegativeInteger) {
    auto c = parsed("min=-9223372036854775808");
    EXPECT_EQ(c->get_int("min", 0), INT64_MIN);
    EXPECT_EQ(c->error(), nullptr);
}

TEST(Cmdline, MalformedIntegersGiveFallbackAndError) {
    const char* bad[] = {"x=abc",  "x=12abc", "x=",  "x=-",   "x=--5",  "x=0x",   "x=+5",
                         "x=1.5",  "x=0x1g",  "x= ", "x=9223372036854775808", "x=-9223372036854775809",
                         "x=18446744073709551616"};
    for (const char* text : bad) {
        auto c = parsed(text);
        EXPECT_EQ(c->error(), nullptr) << text;   // parsing alone is fine
        EXPECT_EQ(c->get_int("x", 1234), 1234) << text;
        ASSERT_NE(c->error(), nullptr) << text;
        EXPECT_NE(std::string(c->error()).find("malformed number"), std::string::npos) << text;
        // The string value is still available as written.
        EXPECT_TRUE(c->has("x")) << text;
    }
}

TEST(Cmdline, QuotedNumber) {
    auto c = parsed("n=\"12\" m=\" 12\"");
    EXPECT_EQ(c->get_int("n", 0), 12);
    EXPECT_EQ(c->error(), nullptr);
    EXPECT_EQ(c->get_int("m", -1), -1);   // the space is part of the value
    EXPECT_NE(c->error(), nullptr);
}
