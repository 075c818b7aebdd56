// SPDX-License-Identifier: MIT
// The pure futex logic: key hashing, the WAKE_OP encoding, PI word values, the robust-list walk.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <vector>

#include "ipc/futex_word.h"

namespace {

// FUTEX_OP(op, oparg, cmp, cmparg) as linux/futex.h builds it.
u32 encode(u32 op, u32 oparg, u32 cmp, u32 cmparg) {
    return ((op & 0xf) << 28) | ((cmp & 0xf) << 24) | ((oparg & 0xfff) << 12) | (cmparg & 0xfff);
}

}  // namespace

TEST(Futex, KeysCompareAllFields) {
    FutexKey a{FutexKey::Private, 0x1000, 0x2000};
    FutexKey b = a;
    EXPECT_EQ(a, b);
    EXPECT_EQ(futex_key_hash(a), futex_key_hash(b));
    b.kind = FutexKey::MmShared;   // a shared wait in private memory never meets a private one
    EXPECT_FALSE(a == b);
    b = a;
    b.offset += 4;
    EXPECT_FALSE(a == b);
}

TEST(Futex, HashSpreadsNeighbouringWords) {
    std::set<u32> buckets;
    for (u64 i = 0; i < 64; i++) buckets.insert(futex_key_hash(FutexKey{FutexKey::Private, 0xffff8000, 0x7000 + 4 * i}) % 256);
    EXPECT_GT(buckets.size(), 40u);
}

TEST(Futex, DecodeOp) {
    FutexOp o = futex_decode_op(9 | kFutexPrivateFlag | kFutexClockRealtime);
    EXPECT_EQ(o.cmd, 9);
    EXPECT_FALSE(o.shared);
    EXPECT_TRUE(o.clock_realtime);
    EXPECT_TRUE(futex_decode_op(0).shared);
    EXPECT_TRUE(futex_cmd_has_timeout(0));
    EXPECT_TRUE(futex_cmd_has_timeout(6));
    EXPECT_FALSE(futex_cmd_has_timeout(1));
    EXPECT_FALSE(futex_cmd_has_timeout(8));   // TRYLOCK_PI
    EXPECT_FALSE(futex_cmd_allows_realtime(0));   // FUTEX_WAIT: ENOSYS since Linux 5.14
    EXPECT_TRUE(futex_cmd_allows_realtime(9));
    EXPECT_TRUE(futex_cmd_allows_realtime(13));
    EXPECT_FALSE(futex_cmd_allows_realtime(6));
}

TEST(Futex, WakeOpArithmetic) {
    u32 out;
    EXPECT_TRUE(wake_op_apply(wake_op_decode(encode(0, 7, 0, 0)), 100, out));
    EXPECT_EQ(out, 7u);
    EXPECT_TRUE(wake_op_apply(wake_op_decode(encode(1, 5, 0, 0)), 100, out));
    EXPECT_EQ(out, 105u);
    EXPECT_TRUE(wake_op_apply(wake_op_decode(encode(2, 0x10, 0, 0)), 0x1, out));
    EXPECT_EQ(out, 0x11u);
    EXPECT_TRUE(wake_op_apply(wake_op_decode(encode(3, 0x1, 0, 0)), 0x3, out));
    EXPECT_EQ(out, 0x2u);
    EXPECT_TRUE(wake_op_apply(wake_op_decode(encode(4, 0xff, 0, 0)), 0x0f, out));
    EXPECT_EQ(out, 0xf0u);
    EXPECT_FALSE(wake_op_apply(wake_op_decode(encode(5, 1, 0, 0)), 0, out));
    EXPECT_FALSE(wake_op_apply(wake_op_decode(encode(7, 1, 0, 0)), 0, out));
}

TEST(Futex, WakeOpSignExtendsAndShifts) {
    WakeOp w = wake_op_decode(encode(1, 0xfff, 0, 0xfff));   // ADD -1, compare with -1
    EXPECT_EQ(w.oparg, -1);
    EXPECT_EQ(w.cmparg, -1);
    u32 out;
    EXPECT_TRUE(wake_op_apply(w, 10, out));
    EXPECT_EQ(out, 9u);
    WakeOp s = wake_op_decode(encode(8 | 2, 4, 0, 0));   // OR with 1 << 4
    EXPECT_EQ(s.op, 2u);
    EXPECT_EQ(s.oparg, 16);
    WakeOp bad = wake_op_decode(encode(8 | 0, 40, 0, 0));   // Linux masks the shift to 0..31
    EXPECT_EQ(bad.oparg, 1 << 8);
}

TEST(Futex, WakeOpCompare) {
    EXPECT_EQ(wake_op_compare(wake_op_decode(encode(0, 0, 0, 5)), 5), 1);    // EQ
    EXPECT_EQ(wake_op_compare(wake_op_decode(encode(0, 0, 1, 5)), 5), 0);    // NE
    EXPECT_EQ(wake_op_compare(wake_op_decode(encode(0, 0, 2, 5)), 4), 1);    // LT
    EXPECT_EQ(wake_op_compare(wake_op_decode(encode(0, 0, 3, 5)), 5), 1);    // LE
    EXPECT_EQ(wake_op_compare(wake_op_decode(encode(0, 0, 4, 5)), 5), 0);    // GT
    EXPECT_EQ(wake_op_compare(wake_op_decode(encode(0, 0, 5, 5)), 5), 1);    // GE
    EXPECT_EQ(wake_op_compare(wake_op_decode(encode(0, 0, 2, 0)), 0xffffffffu), 1);   // signed: -1 < 0
    EXPECT_EQ(wake_op_compare(wake_op_decode(encode(0, 0, 6, 0)), 0), -1);
}

TEST(Futex, PiWordValues) {
    EXPECT_EQ(pi_take_free(0, 42, false), 42u);
    EXPECT_EQ(pi_take_free(kFutexOwnerDied, 42, false), kFutexOwnerDied | 42u);
    EXPECT_EQ(pi_take_free(0, 42, true), kFutexWaiters | 42u);
    EXPECT_EQ(pi_handoff_value(7 | kFutexWaiters, 9, false), kFutexWaiters | 9u);
    EXPECT_EQ(pi_handoff_value(7 | kFutexOwnerDied, 9, false), kFutexWaiters | 9u);
    EXPECT_EQ(pi_handoff_value(7, 9, true), kFutexWaiters | kFutexOwnerDied | 9u);
    EXPECT_EQ(robust_death_value(kFutexWaiters | 7), kFutexWaiters | kFutexOwnerDied);
    EXPECT_EQ(robust_death_value(7), kFutexOwnerDied);
}

namespace {

// A fake user memory of u64 words for the robust-list walk.
struct FakeMemory {
    std::map<uptr, u64> words;
    bool read(uptr a, u64& out) const {
        auto it = words.find(a);
        if (it == words.end()) return false;
        out = it->second;
        return true;
    }
};

struct Death {
    uptr uaddr;
    bool pi;
    bool pending;
};

std::vector<Death> walk(const FakeMemory& m, uptr head) {
    std::vector<Death> seen;
    robust_list_walk(
        head, [&](uptr a, u64& out) { return m.read(a, out); },
        [&](uptr u, bool pi, bool pending) {
            seen.push_back({u, pi, pending});
            return true;
        });
    return seen;
}

}  // namespace

TEST(Futex, RobustWalkVisitsEntriesThenPending) {
    FakeMemory m;
    const uptr head = 0x1000, e1 = 0x2000, e2 = 0x3000;
    m.words[head] = e1;            // list.next
    m.words[head + 8] = 16;        // futex_offset
    m.words[head + 16] = e2 | 1;   // list_op_pending, a PI futex
    m.words[e1] = e2 | 1;          // e2 is PI
    m.words[e2] = head;
    auto seen = walk(m, head);
    ASSERT_EQ(seen.size(), 2u);
    EXPECT_EQ(seen[0].uaddr, e1 + 16);
    EXPECT_FALSE(seen[0].pi);
    EXPECT_FALSE(seen[0].pending);
    // e2 is on the list and pending: handled once, as the pending one.
    EXPECT_EQ(seen[1].uaddr, e2 + 16);
    EXPECT_TRUE(seen[1].pi);
    EXPECT_TRUE(seen[1].pending);
}

TEST(Futex, RobustWalkStopsOnLoopsAndFaults) {
    FakeMemory m;
    const uptr head = 0x1000, e1 = 0x2000, e2 = 0x3000;
    m.words[head] = e1;
    m.words[head + 8] = 0;
    m.words[head + 16] = 0;
    m.words[e1] = e2;
    m.words[e2] = e1;   // a cycle that never returns to the head
    EXPECT_EQ(walk(m, head).size(), kRobustListLimit);
    m.words.erase(e2);   // the next pointer of e2 faults: e2 is still handled, then the walk ends
    EXPECT_EQ(walk(m, head).size(), 2u);
    m.words.erase(head + 8);   // no futex_offset: nothing at all
    EXPECT_EQ(walk(m, head).size(), 0u);
}

TEST(Futex, RobustWalkStopsWhenDeathFails) {
    FakeMemory m;
    const uptr head = 0x1000;
    m.words[head] = 0x2000;
    m.words[head + 8] = 0;
    m.words[head + 16] = 0x5000;
    m.words[0x2000] = 0x3000;
    m.words[0x3000] = head;
    int calls = 0;
    robust_list_walk(
        head, [&](uptr a, u64& out) { return m.read(a, out); },
        [&](uptr, bool, bool) {
            calls++;
            return false;
        });
    EXPECT_EQ(calls, 1);   // Linux returns at once, without the pending entry
}
