// SPDX-License-Identifier: MIT
// Host tests for the small kernel containers and helpers: IntrusiveList, Bitmap, checked
// arithmetic, Span, StringView, glob_match and parse_u64.
#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "lib/bitmap.h"
#include "lib/checked.h"
#include "lib/intrusive_list.h"
#include "lib/span.h"
#include "lib/string_view.h"

namespace {

struct Item {
    int payload = 0;
    ListNode node;      // not the first member: owner() must subtract the offset
    ListNode other;     // a second list can hold the same object at the same time
    explicit Item(int p) : payload(p) {}
};
using List = IntrusiveList<Item, &Item::node>;
using OtherList = IntrusiveList<Item, &Item::other>;

std::vector<int> contents(List& l) {
    std::vector<int> v;
    for (Item& it : l) v.push_back(it.payload);
    return v;
}

std::vector<int> contents_by_next_of(List& l) {
    std::vector<int> v;
    for (Item* it = l.first(); it; it = l.next_of(*it)) v.push_back(it->payload);
    return v;
}

std::string sv(StringView s) { return std::string(s.data(), s.length()); }

} // namespace

// ---- IntrusiveList ----------------------------------------------------------------------

TEST(IntrusiveList, EmptyList) {
    List l;
    EXPECT_TRUE(l.empty());
    EXPECT_EQ(l.size(), 0u);
    EXPECT_EQ(l.first(), nullptr);
    EXPECT_EQ(l.last(), nullptr);
    EXPECT_EQ(l.pop_front(), nullptr);
    EXPECT_TRUE(contents(l).empty());
}

TEST(IntrusiveList, PushBackAndFront) {
    Item a(1), b(2), c(3), d(4);
    List l;
    l.push_back(b);
    l.push_back(c);
    l.push_front(a);
    l.push_back(d);
    EXPECT_FALSE(l.empty());
    EXPECT_EQ(l.size(), 4u);
    EXPECT_EQ(contents(l), (std::vector<int>{1, 2, 3, 4}));
    EXPECT_EQ(contents_by_next_of(l), (std::vector<int>{1, 2, 3, 4}));
    EXPECT_EQ(l.first(), &a);
    EXPECT_EQ(l.last(), &d);
    EXPECT_EQ(l.next_of(d), nullptr);
    EXPECT_EQ(l.next_of(a), &b);
}

TEST(IntrusiveList, LinkedState) {
    Item a(1);
    List l;
    EXPECT_FALSE(a.node.linked());
    EXPECT_FALSE(List::is_linked(a));
    l.push_back(a);
    EXPECT_TRUE(a.node.linked());
    EXPECT_TRUE(List::is_linked(a));
    EXPECT_FALSE(a.other.linked());
    l.remove(a);
    EXPECT_FALSE(List::is_linked(a));
    EXPECT_EQ(a.node.next, nullptr);
    EXPECT_EQ(a.node.prev, nullptr);
    // A removed node can be inserted again.
    l.push_front(a);
    EXPECT_TRUE(List::is_linked(a));
    EXPECT_EQ(l.size(), 1u);
}

TEST(IntrusiveList, RemoveHeadMiddleTail) {
    Item a(1), b(2), c(3), d(4), e(5);
    List l;
    for (Item* it : {&a, &b, &c, &d, &e}) l.push_back(*it);
    l.remove(c);
    EXPECT_EQ(contents(l), (std::vector<int>{1, 2, 4, 5}));
    l.remove(a);
    EXPECT_EQ(contents(l), (std::vector<int>{2, 4, 5}));
    l.remove(e);
    EXPECT_EQ(contents(l), (std::vector<int>{2, 4}));
    EXPECT_EQ(l.size(), 2u);
    EXPECT_EQ(l.first(), &b);
    EXPECT_EQ(l.last(), &d);
    l.remove(b);
    l.remove(d);
    EXPECT_TRUE(l.empty());
    EXPECT_EQ(l.size(), 0u);
}

TEST(IntrusiveList, PopFrontIsFifo) {
    Item a(1), b(2), c(3);
    List l;
    l.push_back(a);
    l.push_back(b);
    l.push_back(c);
    EXPECT_EQ(l.pop_front(), &a);
    EXPECT_FALSE(List::is_linked(a));
    EXPECT_EQ(l.pop_front(), &b);
    EXPECT_EQ(l.size(), 1u);
    EXPECT_EQ(l.pop_front(), &c);
    EXPECT_EQ(l.pop_front(), nullptr);
    EXPECT_TRUE(l.empty());
}

TEST(IntrusiveList, RemoveCurrentWhileIterating) {
    std::vector<Item> items;
    for (int i = 0; i < 10; i++) items.emplace_back(i);
    List l;
    for (Item& it : items) l.push_back(it);
    // Drop the even ones from inside the loop.
    for (Item& it : l)
        if (it.payload % 2 == 0) l.remove(it);
    EXPECT_EQ(contents(l), (std::vector<int>{1, 3, 5, 7, 9}));
    EXPECT_EQ(l.size(), 5u);
    // Remove everything, including the last element, from inside the loop.
    int visited = 0;
    for (Item& it : l) {
        visited++;
        l.remove(it);
    }
    EXPECT_EQ(visited, 5);
    EXPECT_TRUE(l.empty());
    for (Item& it : items) EXPECT_FALSE(List::is_linked(it));
}

TEST(IntrusiveList, MoveToAnotherListWhileIterating) {
    Item a(1), b(2), c(3), d(4);
    List from, to;
    for (Item* it : {&a, &b, &c, &d}) from.push_back(*it);
    for (Item& it : from) {
        if (it.payload == 2 || it.payload == 4) {
            from.remove(it);
            to.push_back(it);   // relinks the node that the loop just left
        }
    }
    EXPECT_EQ(contents(from), (std::vector<int>{1, 3}));
    EXPECT_EQ(contents(to), (std::vector<int>{2, 4}));
}

TEST(IntrusiveList, TwoMembersTwoLists) {
    Item a(1), b(2), c(3);
    List l;
    OtherList o;
    l.push_back(a);
    l.push_back(b);
    l.push_back(c);
    o.push_back(c);
    o.push_back(a);
    EXPECT_EQ(o.first(), &c);
    EXPECT_EQ(o.last(), &a);
    EXPECT_EQ(o.size(), 2u);
    l.remove(c);
    EXPECT_TRUE(OtherList::is_linked(c));   // removal from one list leaves the other alone
    std::vector<int> ov;
    for (Item& it : o) ov.push_back(it.payload);
    EXPECT_EQ(ov, (std::vector<int>{3, 1}));
    EXPECT_EQ(contents(l), (std::vector<int>{1, 2}));
}

TEST(IntrusiveListDeathTest, DoubleInsertAborts) {
    EXPECT_DEATH(
        {
            Item a(1);
            List l;
            l.push_back(a);
            l.push_back(a);
        },
        "VERIFY\\(!n->linked\\(\\)\\) failed");
}

TEST(IntrusiveListDeathTest, RemoveUnlinkedAborts) {
    EXPECT_DEATH(
        {
            Item a(1);
            List l;
            l.remove(a);
        },
        "VERIFY\\(n->linked\\(\\)\\) failed");
}

// ---- Bitmap -----------------------------------------------------------------------------

TEST(Bitmap, StartsClearAndSetsBits) {
    Bitmap<130> b;
    EXPECT_EQ(b.size(), 130u);
    EXPECT_EQ(b.count_set(), 0u);
    b.set(0);
    b.set(63);
    b.set(64);
    b.set(129);
    EXPECT_TRUE(b.get(0));
    EXPECT_TRUE(b.get(63));
    EXPECT_TRUE(b.get(64));
    EXPECT_TRUE(b.get(129));
    EXPECT_FALSE(b.get(1));
    EXPECT_FALSE(b.get(128));
    EXPECT_EQ(b.count_set(), 4u);
    b.set(63, false);
    EXPECT_FALSE(b.get(63));
    EXPECT_EQ(b.count_set(), 3u);
}

TEST(Bitmap, WordsFor) {
    EXPECT_EQ(BitmapView::words_for(0), 0u);
    EXPECT_EQ(BitmapView::words_for(1), 1u);
    EXPECT_EQ(BitmapView::words_for(64), 1u);
    EXPECT_EQ(BitmapView::words_for(65), 2u);
    EXPECT_EQ(BitmapView::words_for(128), 2u);
}

TEST(Bitmap, FindFirstSetAcrossWords) {
    Bitmap<200> b;
    EXPECT_EQ(b.find_first(true), 200u);   // none
    b.set(130);
    EXPECT_EQ(b.find_first(true), 130u);
    EXPECT_EQ(b.find_first(true, 130), 130u);
    EXPECT_EQ(b.find_first(true, 131), 200u);
    b.set(63);
    b.set(64);
    EXPECT_EQ(b.find_first(true), 63u);
    EXPECT_EQ(b.find_first(true, 64), 64u);
    EXPECT_EQ(b.find_first(true, 65), 130u);
    EXPECT_EQ(b.find_first(true, 199), 200u);
    EXPECT_EQ(b.find_first(true, 200), 200u);
    EXPECT_EQ(b.find_first(true, 1000), 200u);
}

TEST(Bitmap, FindFirstClearAcrossWordsAndTrimming) {
    Bitmap<130> b;
    b.fill(true);
    EXPECT_EQ(b.count_set(), 130u);   // bits past the end were trimmed
    EXPECT_EQ(b.find_first(false), 130u);
    b.set(127, false);
    EXPECT_EQ(b.find_first(false), 127u);
    EXPECT_EQ(b.find_first(false, 128), 130u);   // the padding bits past 130 are not "clear bits"
    b.set(0, false);
    EXPECT_EQ(b.find_first(false), 0u);
    EXPECT_EQ(b.find_first(false, 1), 127u);
    b.fill(false);
    EXPECT_EQ(b.count_set(), 0u);
    EXPECT_EQ(b.find_first(false, 129), 129u);
    EXPECT_EQ(b.find_first(true), 130u);
}

TEST(Bitmap, ViewOverCallerWordsWithGarbagePastTheEnd) {
    // A view over words whose padding bits are set must not report them.
    u64 words[2] = {0, ~u64(0) << 4};   // bits 68.. are past the 68-bit end
    BitmapView v(words, 68);
    EXPECT_EQ(v.find_first(true), 68u);
    v.set(66);
    EXPECT_EQ(v.find_first(true), 66u);
    v.fill(true);
    EXPECT_EQ(words[1], 0xfu);   // fill trims the last word
    EXPECT_EQ(v.count_set(), 68u);
}

TEST(Bitmap, FullWordSizesNeedNoTrim) {
    Bitmap<128> b;
    b.fill(true);
    EXPECT_EQ(b.count_set(), 128u);
    EXPECT_EQ(b.find_first(false), 128u);
    EXPECT_TRUE(b.get(127));
}

TEST(Bitmap, SetRange) {
    Bitmap<256> b;
    b.set_range(60, 10, true);
    EXPECT_EQ(b.count_set(), 10u);
    EXPECT_EQ(b.find_first(true), 60u);
    EXPECT_EQ(b.find_first(false, 60), 70u);
    b.set_range(62, 3, false);
    EXPECT_EQ(b.count_set(), 7u);
    EXPECT_EQ(b.find_first(false, 60), 62u);
    EXPECT_EQ(b.find_first(true, 62), 65u);
}

TEST(Bitmap, MatchesAReferenceModel) {
    constexpr usize kBits = 333;
    Bitmap<kBits> b;
    std::vector<bool> ref(kBits);
    std::mt19937 rng(1234);
    for (int step = 0; step < 3000; step++) {
        usize i = rng() % kBits;
        bool v = rng() & 1;
        b.set(i, v);
        ref[i] = v;
        usize from = rng() % (kBits + 5);
        for (bool want : {true, false}) {
            usize expect = kBits;
            for (usize j = from; j < kBits; j++)
                if (ref[j] == want) {
                    expect = j;
                    break;
                }
            ASSERT_EQ(b.find_first(want, from), expect) << "step " << step << " from " << from;
        }
    }
    usize n = 0;
    for (bool x : ref) n += x;
    EXPECT_EQ(b.count_set(), n);
}

TEST(BitmapDeathTest, OutOfRangeAborts) {
    EXPECT_DEATH(
        {
            Bitmap<10> b;
            b.set(10);
        },
        "VERIFY\\(i < m_bits\\) failed");
    EXPECT_DEATH(
        {
            Bitmap<10> b;
            (void)b.get(64);
        },
        "VERIFY\\(i < m_bits\\) failed");
}

// ---- Checked arithmetic -----------------------------------------------------------------

TEST(Checked, U32) {
    u32 out = 0;
    EXPECT_TRUE(checked_add<u32>(0xfffffffe, 1, out));
    EXPECT_EQ(out, 0xffffffffu);
    EXPECT_FALSE(checked_add<u32>(0xffffffff, 1, out));
    EXPECT_TRUE(checked_sub<u32>(5, 5, out));
    EXPECT_EQ(out, 0u);
    EXPECT_FALSE(checked_sub<u32>(5, 6, out));
    EXPECT_TRUE(checked_mul<u32>(0x10000, 0xffff, out));
    EXPECT_EQ(out, 0xffff0000u);
    EXPECT_FALSE(checked_mul<u32>(0x10000, 0x10000, out));
    EXPECT_TRUE(checked_mul<u32>(0, 0xffffffff, out));
    EXPECT_EQ(out, 0u);
}

TEST(Checked, U64) {
    constexpr u64 kMax = std::numeric_limits<u64>::max();
    u64 out = 0;
    EXPECT_TRUE(checked_add<u64>(kMax - 10, 10, out));
    EXPECT_EQ(out, kMax);
    EXPECT_FALSE(checked_add<u64>(kMax - 10, 11, out));
    EXPECT_FALSE(checked_sub<u64>(0, 1, out));
    EXPECT_TRUE(checked_mul<u64>(u64(1) << 32, (u64(1) << 32) - 1, out));
    EXPECT_EQ(out, (u64(1) << 32) * ((u64(1) << 32) - 1));
    EXPECT_FALSE(checked_mul<u64>(u64(1) << 32, u64(1) << 32, out));
    // A typical user count * size that wraps to something small.
    EXPECT_FALSE(checked_mul<u64>(0x2000000000000001ULL, 8, out));
}

TEST(Checked, I64) {
    constexpr i64 kMax = std::numeric_limits<i64>::max();
    constexpr i64 kMin = std::numeric_limits<i64>::min();
    i64 out = 0;
    EXPECT_TRUE(checked_add<i64>(kMax, kMin, out));
    EXPECT_EQ(out, -1);
    EXPECT_FALSE(checked_add<i64>(kMax, 1, out));
    EXPECT_FALSE(checked_add<i64>(kMin, -1, out));
    EXPECT_TRUE(checked_sub<i64>(-1, kMax, out));
    EXPECT_EQ(out, kMin);
    EXPECT_FALSE(checked_sub<i64>(-2, kMax, out));
    EXPECT_FALSE(checked_sub<i64>(0, kMin, out));
    EXPECT_FALSE(checked_mul<i64>(kMin, -1, out));
    EXPECT_TRUE(checked_mul<i64>(-3, 4, out));
    EXPECT_EQ(out, -12);
    EXPECT_FALSE(checked_mul<i64>(i64(1) << 62, 2, out));
    EXPECT_TRUE(checked_mul<i64>(i64(1) << 62, -2, out));
    EXPECT_EQ(out, kMin);
}

TEST(Checked, StickyOverflow) {
    Checked<u32> c(0xfffffff0u);
    c += 0xf;
    EXPECT_FALSE(c.has_overflow());
    EXPECT_EQ(c.value(), 0xffffffffu);
    c += 1;
    EXPECT_TRUE(c.has_overflow());
    c -= 5;   // back in range numerically, but the overflow is remembered
    EXPECT_TRUE(c.has_overflow());

    Checked<u64> size = Checked<u64>(16) * 4 + 8;
    EXPECT_FALSE(size.has_overflow());
    EXPECT_EQ(size.value(), 72u);
    Checked<u64> big = Checked<u64>(u64(1) << 63) * 2;
    EXPECT_TRUE(big.has_overflow());
    Checked<u64> then_add = big + 1;
    EXPECT_TRUE(then_add.has_overflow());

    Checked<i64> s(-1);
    s -= std::numeric_limits<i64>::max();
    EXPECT_FALSE(s.has_overflow());
    s -= 1;
    EXPECT_TRUE(s.has_overflow());

    Checked<u64> under(3);
    under -= 4;
    EXPECT_TRUE(under.has_overflow());
}

TEST(Checked, Constexpr) {
    constexpr Checked<u32> c = Checked<u32>(0x80000000u) * 2;
    static_assert(c.has_overflow());
    constexpr Checked<u32> d = Checked<u32>(0x40000000u) * 2;
    static_assert(!d.has_overflow() && d.value() == 0x80000000u);
    EXPECT_TRUE(c.has_overflow());
}

// ---- Span -------------------------------------------------------------------------------

TEST(Span, BasicsAndSubspan) {
    int arr[5] = {10, 20, 30, 40, 50};
    Span<int> s(arr);
    EXPECT_EQ(s.size(), 5u);
    EXPECT_FALSE(s.empty());
    EXPECT_EQ(s.data(), arr);
    EXPECT_EQ(s[4], 50);
    s[0] = 11;
    EXPECT_EQ(arr[0], 11);
    int sum = 0;
    for (int v : s) sum += v;
    EXPECT_EQ(sum, 11 + 20 + 30 + 40 + 50);

    Span<int> mid = s.subspan(1, 3);
    EXPECT_EQ(mid.size(), 3u);
    EXPECT_EQ(mid[0], 20);
    EXPECT_EQ(mid[2], 40);
    Span<int> tail = s.subspan(3);
    EXPECT_EQ(tail.size(), 2u);
    EXPECT_EQ(tail[1], 50);
    Span<int> clamped = s.subspan(4, 100);
    EXPECT_EQ(clamped.size(), 1u);
    Span<int> at_end = s.subspan(5);
    EXPECT_TRUE(at_end.empty());
    EXPECT_EQ(at_end.begin(), at_end.end());

    Span<const int> empty;
    EXPECT_TRUE(empty.empty());
    EXPECT_EQ(empty.begin(), empty.end());
}

namespace {
int g_three[3] = {1, 2, 3};
} // namespace

TEST(SpanDeathTest, IndexOutOfBoundsAborts) {
    EXPECT_DEATH(
        {
            Span<int> s(g_three);
            (void)s[3];
        },
        "VERIFY\\(i < m_size\\) failed");
    EXPECT_DEATH(
        {
            Span<int> s(g_three);
            (void)s.subspan(1, 1)[1];
        },
        "VERIFY\\(i < m_size\\) failed");
    EXPECT_DEATH(
        {
            Span<int> s;
            (void)s[0];
        },
        "VERIFY\\(i < m_size\\) failed");
}

TEST(SpanDeathTest, SubspanPastEndAborts) {
    EXPECT_DEATH(
        {
            Span<int> s(g_three);
            (void)s.subspan(4);
        },
        "VERIFY\\(off <= m_size\\) failed");
}

// ---- StringView -------------------------------------------------------------------------

TEST(StringView, Basics) {
    StringView s("hello");
    EXPECT_EQ(s.length(), 5u);
    EXPECT_FALSE(s.empty());
    EXPECT_EQ(s[1], 'e');
    EXPECT_TRUE(StringView().empty());
    EXPECT_TRUE(StringView(static_cast<const char*>(nullptr)).empty());
    EXPECT_TRUE(StringView("").empty());
    EXPECT_TRUE(s == StringView("hello"));
    EXPECT_FALSE(s == StringView("hell"));
    EXPECT_FALSE(s == StringView("hellO"));
    EXPECT_TRUE(StringView() == StringView(""));
    EXPECT_TRUE(StringView("abc", 2) == StringView("ab"));
    static_assert(StringView("abc").length() == 3);
}

TEST(StringView, Substr) {
    StringView s("hello world");
    EXPECT_EQ(sv(s.substr(6)), "world");
    EXPECT_EQ(sv(s.substr(0, 5)), "hello");
    EXPECT_EQ(sv(s.substr(6, 100)), "world");
    EXPECT_EQ(sv(s.substr(11)), "");
    EXPECT_EQ(sv(s.substr(50)), "");        // clamped, not out of bounds
    EXPECT_EQ(s.substr(50).data(), s.data() + 11);
    EXPECT_EQ(sv(s.substr(3, 0)), "");
}

TEST(StringView, StartsEndsFind) {
    StringView s("ktest=mm.*");
    EXPECT_TRUE(s.starts_with("ktest"));
    EXPECT_TRUE(s.starts_with(""));
    EXPECT_TRUE(s.starts_with(s));
    EXPECT_FALSE(s.starts_with("ktest=mm.*x"));
    EXPECT_FALSE(s.starts_with("Ktest"));
    EXPECT_TRUE(s.ends_with(".*"));
    EXPECT_TRUE(s.ends_with(""));
    EXPECT_FALSE(s.ends_with("x.*"));
    EXPECT_FALSE(StringView("a").ends_with("ba"));
    EXPECT_EQ(s.find('='), 5u);
    EXPECT_EQ(s.find('m'), 6u);
    EXPECT_EQ(s.find('m', 7), 7u);
    EXPECT_EQ(s.find('m', 8), s.length());
    EXPECT_EQ(s.find('z'), s.length());
    EXPECT_EQ(s.find('k', 100), s.length());
}

// ---- glob_match -------------------------------------------------------------------------

TEST(Glob, EmptyPatternAndText) {
    EXPECT_TRUE(glob_match("", ""));
    EXPECT_FALSE(glob_match("", "a"));
    EXPECT_FALSE(glob_match("a", ""));
    EXPECT_FALSE(glob_match("?", ""));
    EXPECT_TRUE(glob_match("*", ""));
    EXPECT_TRUE(glob_match("**", ""));
    EXPECT_FALSE(glob_match("*?", ""));
}

TEST(Glob, StarOnlyMatchesEverything) {
    for (const char* t : {"", "a", "anything at all", "*", "?"}) {
        EXPECT_TRUE(glob_match("*", t)) << t;
        EXPECT_TRUE(glob_match("***", t)) << t;
    }
}

TEST(Glob, Literals) {
    EXPECT_TRUE(glob_match("mm.buddy", "mm.buddy"));
    EXPECT_FALSE(glob_match("mm.buddy", "mm.budd"));
    EXPECT_FALSE(glob_match("mm.budd", "mm.buddy"));
    EXPECT_FALSE(glob_match("mm.buddy", "mm.Buddy"));
}

TEST(Glob, QuestionMark) {
    EXPECT_TRUE(glob_match("?", "x"));
    EXPECT_FALSE(glob_match("?", "xy"));
    EXPECT_TRUE(glob_match("a?c", "abc"));
    EXPECT_TRUE(glob_match("a?c", "a?c"));
    EXPECT_FALSE(glob_match("a?c", "ac"));
    EXPECT_TRUE(glob_match("???", "abc"));
    EXPECT_FALSE(glob_match("???", "abcd"));
    EXPECT_TRUE(glob_match("?*", "a"));
    EXPECT_TRUE(glob_match("*?", "a"));
    EXPECT_FALSE(glob_match("?*?", "a"));
}

TEST(Glob, StarsAndBacktracking) {
    EXPECT_TRUE(glob_match("mm.*", "mm.buddy"));
    EXPECT_TRUE(glob_match("mm.*", "mm."));
    EXPECT_FALSE(glob_match("mm.*", "mm"));
    EXPECT_TRUE(glob_match("*.buddy", "mm.buddy"));
    EXPECT_FALSE(glob_match("*.buddy", "mm.buddy2"));
    EXPECT_TRUE(glob_match("a*b*c", "aXbYbZc"));
    EXPECT_TRUE(glob_match("a*b*c", "abc"));
    EXPECT_TRUE(glob_match("a*b*c", "abbbcbc"));
    EXPECT_FALSE(glob_match("a*b*c", "aXbYbZ"));
    EXPECT_FALSE(glob_match("a*b*c", "aXcYc"));
    EXPECT_TRUE(glob_match("a*b*c", "acbc"));
    EXPECT_TRUE(glob_match("*ab", "aaab"));       // backtrack after a partial match
    EXPECT_TRUE(glob_match("*aab", "aaaab"));
    EXPECT_FALSE(glob_match("*aab", "aaaba"));
    EXPECT_TRUE(glob_match("a*a*a", "aaa"));
    EXPECT_FALSE(glob_match("a*a*a", "aa"));
    EXPECT_TRUE(glob_match("*a?c*", "xxabcabc"));
    EXPECT_TRUE(glob_match("a**b", "ab"));
    EXPECT_TRUE(glob_match("*x*y*", "--x--y--"));
    EXPECT_FALSE(glob_match("*x*y*", "--y--x--"));
    EXPECT_TRUE(glob_match("*?*?*", "ab"));
    EXPECT_FALSE(glob_match("*?*?*", "a"));
}

namespace {
// Obviously-correct exponential reference for the property test.
bool glob_ref(const std::string& p, size_t pi, const std::string& t, size_t ti) {
    if (pi == p.size()) return ti == t.size();
    if (p[pi] == '*') {
        for (size_t k = ti; k <= t.size(); k++)
            if (glob_ref(p, pi + 1, t, k)) return true;
        return false;
    }
    if (ti == t.size()) return false;
    if (p[pi] == '?' || p[pi] == t[ti]) return glob_ref(p, pi + 1, t, ti + 1);
    return false;
}
} // namespace

TEST(Glob, MatchesReferenceOnRandomInputs) {
    std::mt19937 rng(77);
    const char palette[] = "ab*?";
    for (int i = 0; i < 20000; i++) {
        std::string p, t;
        usize plen = rng() % 7, tlen = rng() % 9;
        for (usize k = 0; k < plen; k++) p += palette[rng() % 4];
        for (usize k = 0; k < tlen; k++) t += "ab"[rng() % 2];
        ASSERT_EQ(glob_match(StringView(p.data(), p.size()), StringView(t.data(), t.size())), glob_ref(p, 0, t, 0))
            << "pattern \"" << p << "\" text \"" << t << "\"";
    }
}

// ---- parse_u64 --------------------------------------------------------------------------

TEST(ParseU64, Decimal) {
    u64 v = 99;
    EXPECT_TRUE(parse_u64("0", v));
    EXPECT_EQ(v, 0u);
    EXPECT_TRUE(parse_u64("12345", v));
    EXPECT_EQ(v, 12345u);
    EXPECT_TRUE(parse_u64("007", v));   // leading zeros are decimal, not octal
    EXPECT_EQ(v, 7u);
    EXPECT_TRUE(parse_u64("18446744073709551615", v));
    EXPECT_EQ(v, std::numeric_limits<u64>::max());
}

TEST(ParseU64, Hex) {
    u64 v = 0;
    EXPECT_TRUE(parse_u64("0x0", v));
    EXPECT_EQ(v, 0u);
    EXPECT_TRUE(parse_u64("0x1f", v));
    EXPECT_EQ(v, 0x1fu);
    EXPECT_TRUE(parse_u64("0XaBcDeF", v));
    EXPECT_EQ(v, 0xabcdefu);
    EXPECT_TRUE(parse_u64("0xffffffffffffffff", v));
    EXPECT_EQ(v, std::numeric_limits<u64>::max());
    EXPECT_TRUE(parse_u64("0x0000000000000000000001", v));   // leading zeros do not overflow
    EXPECT_EQ(v, 1u);
}

TEST(ParseU64, OverflowAndJunkFailWithoutWriting) {
    const char* bad[] = {"",   "0x",   "0X",   "x10", "18446744073709551616", "99999999999999999999",
                         "0x10000000000000000", "12a", "0x1g", "abc", " 1", "1 ", "+1", "-1", "1.0",
                         "0b101", "0xx1", "ff"};
    for (const char* s : bad) {
        u64 v = 0x5a5a;
        EXPECT_FALSE(parse_u64(s, v)) << "\"" << s << "\"";
        EXPECT_EQ(v, 0x5a5au) << "\"" << s << "\" changed the output";
    }
}

TEST(ParseU64, RespectsTheViewLength) {
    u64 v = 0;
    const char text[] = "1234junk";
    EXPECT_TRUE(parse_u64(StringView(text, 4), v));
    EXPECT_EQ(v, 1234u);
    EXPECT_FALSE(parse_u64(StringView(text, 5), v));
    EXPECT_FALSE(parse_u64(StringView(text, 0), v));
}
