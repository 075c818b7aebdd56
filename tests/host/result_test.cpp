// SPDX-License-Identifier: MIT
// Host tests for Result<T>/Result<void>/Error: values, errors, TRY/MUST propagation, move-only
// values, value_or, object lifetimes, and VERIFY aborts on misuse (death tests).
#include <gtest/gtest.h>

#include <asm-generic/errno.h>

#include <memory>
#include <string>
#include <utility>

#include "lib/result.h"

namespace {

// Counts live instances so the tests can check that Result constructs and destroys its
// value exactly once (and never for an error).
struct Tracked {
    static int live;
    static int copies;
    int v;
    explicit Tracked(int x) : v(x) { live++; }
    Tracked(const Tracked& o) : v(o.v) { live++; copies++; }
    Tracked(Tracked&& o) noexcept : v(o.v) { o.v = -1; live++; }
    ~Tracked() { live--; }
};
int Tracked::live = 0;
int Tracked::copies = 0;

Result<int> parse_digit(char c) {
    if (c < '0' || c > '9') return Error(EINVAL);
    return c - '0';
}

Result<int> add_digits(char a, char b) {
    int x = TRY(parse_digit(a));
    int y = TRY(parse_digit(b));
    return x + y;
}

int g_steps = 0;
VoidResult step(bool fail) {
    g_steps++;
    if (fail) return Error(EIO);
    return {};
}

VoidResult two_steps(bool fail_first, bool fail_second) {
    TRY(step(fail_first));
    TRY(step(fail_second));
    return {};
}

Result<std::unique_ptr<int>> make_box(int v) {
    if (v < 0) return Error(ENOMEM);
    return std::make_unique<int>(v);
}

Result<int> unbox_plus_one(int v) {
    std::unique_ptr<int> p = TRY(make_box(v));
    return *p + 1;
}

// TRY where the error type of the callee differs from the caller's value type.
Result<std::string> describe(char c) {
    int d = TRY(parse_digit(c));
    return std::string(static_cast<size_t>(d), '*');
}

Result<long> widen(int v) {
    return v;   // converting constructor (int -> long)
}

} // namespace

TEST(Result, HoldsValue) {
    Result<int> r = 42;
    EXPECT_TRUE(r.is_ok());
    EXPECT_FALSE(r.is_error());
    EXPECT_EQ(r.error_code(), 0);
    EXPECT_EQ(r.value(), 42);
    r.value() = 7;
    EXPECT_EQ(r.value(), 7);
    const Result<int>& cr = r;
    EXPECT_EQ(cr.value(), 7);
    EXPECT_EQ(r.release_value(), 7);
}

TEST(Result, HoldsError) {
    Result<int> r = Error(ENOENT);
    EXPECT_TRUE(r.is_error());
    EXPECT_FALSE(r.is_ok());
    EXPECT_EQ(r.error_code(), ENOENT);
    EXPECT_EQ(r.error().code, ENOENT);
}

TEST(Result, ErrnoValuesAreLinuxOnes) {
    // The syscall ABI is Linux's: the numbers must be the asm-generic ones.
    EXPECT_EQ(ENOENT, 2);
    EXPECT_EQ(EIO, 5);
    EXPECT_EQ(ENOMEM, 12);
    EXPECT_EQ(EINVAL, 22);
    EXPECT_EQ(ENOSYS, 38);
    Result<int> r = Error(ENOSYS);
    EXPECT_EQ(-r.error_code(), -38);
}

TEST(Result, ConvertingConstructor) {
    Result<long> r = widen(-5);
    ASSERT_TRUE(r.is_ok());
    EXPECT_EQ(r.value(), -5L);
    Result<std::string> s = "hello";   // const char* -> std::string
    ASSERT_TRUE(s.is_ok());
    EXPECT_EQ(s.value(), "hello");
}

TEST(Result, ValueOr) {
    Result<int> ok = 3;
    Result<int> bad = Error(EINVAL);
    EXPECT_EQ(ok.value_or(9), 3);
    EXPECT_EQ(bad.value_or(9), 9);
    Result<std::string> s = std::string("abc");
    Result<std::string> e = Error(EIO);
    EXPECT_EQ(s.value_or("zzz"), "abc");
    EXPECT_EQ(e.value_or("zzz"), "zzz");
    // value_or does not consume the value.
    EXPECT_EQ(s.value(), "abc");
}

TEST(Result, TryPropagatesValues) {
    Result<int> r = add_digits('3', '4');
    ASSERT_TRUE(r.is_ok());
    EXPECT_EQ(r.value(), 7);
}

TEST(Result, TryPropagatesErrors) {
    Result<int> a = add_digits('x', '4');
    ASSERT_TRUE(a.is_error());
    EXPECT_EQ(a.error_code(), EINVAL);
    Result<int> b = add_digits('1', '?');
    ASSERT_TRUE(b.is_error());
    EXPECT_EQ(b.error_code(), EINVAL);
    Result<std::string> c = describe('q');
    ASSERT_TRUE(c.is_error());
    EXPECT_EQ(c.error_code(), EINVAL);
    Result<std::string> d = describe('3');
    ASSERT_TRUE(d.is_ok());
    EXPECT_EQ(d.value(), "***");
}

TEST(Result, TryOnVoidStopsAtFirstError) {
    g_steps = 0;
    VoidResult ok = two_steps(false, false);
    EXPECT_TRUE(ok.is_ok());
    EXPECT_EQ(g_steps, 2);

    g_steps = 0;
    VoidResult first = two_steps(true, false);
    ASSERT_TRUE(first.is_error());
    EXPECT_EQ(first.error_code(), EIO);
    EXPECT_EQ(g_steps, 1);   // the second step never ran

    g_steps = 0;
    VoidResult second = two_steps(false, true);
    ASSERT_TRUE(second.is_error());
    EXPECT_EQ(second.error().code, EIO);
    EXPECT_EQ(g_steps, 2);
}

TEST(Result, VoidResult) {
    VoidResult ok;
    EXPECT_TRUE(ok.is_ok());
    EXPECT_EQ(ok.error_code(), 0);
    VoidResult bad = Error(EPERM);
    EXPECT_TRUE(bad.is_error());
    EXPECT_EQ(bad.error_code(), EPERM);
}

TEST(Result, MoveOnlyValue) {
    Result<std::unique_ptr<int>> r = make_box(5);
    ASSERT_TRUE(r.is_ok());
    ASSERT_NE(r.value(), nullptr);
    EXPECT_EQ(*r.value(), 5);
    std::unique_ptr<int> p = r.release_value();
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(*p, 5);
    EXPECT_EQ(r.value(), nullptr);   // moved out

    Result<std::unique_ptr<int>> moved = make_box(8);
    Result<std::unique_ptr<int>> dest(std::move(moved));
    ASSERT_TRUE(dest.is_ok());
    EXPECT_EQ(*dest.value(), 8);

    Result<std::unique_ptr<int>> err = make_box(-1);
    Result<std::unique_ptr<int>> err2(std::move(err));
    ASSERT_TRUE(err2.is_error());
    EXPECT_EQ(err2.error_code(), ENOMEM);
}

TEST(Result, TryWithMoveOnlyValue) {
    Result<int> ok = unbox_plus_one(41);
    ASSERT_TRUE(ok.is_ok());
    EXPECT_EQ(ok.value(), 42);
    Result<int> bad = unbox_plus_one(-1);
    ASSERT_TRUE(bad.is_error());
    EXPECT_EQ(bad.error_code(), ENOMEM);
}

TEST(Result, MustReturnsValue) {
    int v = MUST(parse_digit('8'));
    EXPECT_EQ(v, 8);
    std::unique_ptr<int> p = MUST(make_box(3));
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(*p, 3);
}

TEST(Result, ValueLifetime) {
    Tracked::live = 0;
    Tracked::copies = 0;
    {
        Result<Tracked> r = Tracked(1);
        EXPECT_EQ(Tracked::live, 1);   // the temporary is gone, the stored one lives
        Result<Tracked> m(std::move(r));
        EXPECT_EQ(Tracked::live, 2);   // moved-from object still exists until r dies
        EXPECT_EQ(m.value().v, 1);
        EXPECT_EQ(r.value().v, -1);
    }
    EXPECT_EQ(Tracked::live, 0);
    EXPECT_EQ(Tracked::copies, 0);
    {
        Result<Tracked> e = Error(EBUSY);
        EXPECT_EQ(Tracked::live, 0);   // no value constructed for an error
        Result<Tracked> e2(std::move(e));
        EXPECT_EQ(Tracked::live, 0);
    }
    EXPECT_EQ(Tracked::live, 0);
    {
        const Tracked t(4);
        Result<Tracked> c = t;         // copy construction path
        EXPECT_EQ(Tracked::copies, 1);
        EXPECT_EQ(Tracked::live, 2);
        Tracked out = c.release_value();
        EXPECT_EQ(out.v, 4);
        EXPECT_EQ(Tracked::copies, 1);  // release moves, never copies
    }
    EXPECT_EQ(Tracked::live, 0);
}

TEST(ResultDeathTest, ValueOnErrorAborts) {
    EXPECT_DEATH(
        {
            Result<int> r = Error(EINVAL);
            (void)r.value();
        },
        "VERIFY\\(!m_error\\) failed");
}

TEST(ResultDeathTest, ReleaseValueOnErrorAborts) {
    EXPECT_DEATH(
        {
            Result<std::unique_ptr<int>> r = Error(ENOMEM);
            (void)r.release_value();
        },
        "VERIFY\\(!m_error\\) failed");
}

TEST(ResultDeathTest, ErrorOnValueAborts) {
    EXPECT_DEATH(
        {
            Result<int> r = 1;
            (void)r.error();
        },
        "VERIFY\\(m_error\\) failed");
    EXPECT_DEATH(
        {
            VoidResult r;
            (void)r.error();
        },
        "VERIFY\\(m_error\\) failed");
}

TEST(ResultDeathTest, ZeroErrorCodeAborts) {
    EXPECT_DEATH({ Result<int> r = Error(0); (void)r.is_ok(); }, "VERIFY\\(e.code != 0\\) failed");
    EXPECT_DEATH({ VoidResult r = Error(0); (void)r.is_ok(); }, "VERIFY\\(e.code != 0\\) failed");
}

TEST(ResultDeathTest, MustOnErrorAborts) {
    EXPECT_DEATH({ (void)MUST(parse_digit('z')); }, "VERIFY\\(_must_result.is_ok\\(\\)\\) failed");
    EXPECT_DEATH({ MUST(step(true)); }, "VERIFY\\(_must_result.is_ok\\(\\)\\) failed");
}
