// SPDX-License-Identifier: MIT
// The split virtqueue's ring bookkeeping (kernel/drivers/virtio/virtqueue.h), against a simulated
// device that reads the available ring and fills the used ring as virtio 1.x 2.7 describes.
#include "drivers/virtio/virtqueue.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>
#include <vector>

namespace {

struct Ring {
    explicit Ring(u16 size) : size(size), mem(SplitVirtqueue::ring_bytes(size)), cookies(size) {
        vq.init(size, mem.data(), cookies.data());
    }
    vring_desc* desc() { return reinterpret_cast<vring_desc*>(mem.data()); }
    vring_avail* avail() { return reinterpret_cast<vring_avail*>(mem.data() + SplitVirtqueue::avail_offset(size)); }
    vring_used* used() { return reinterpret_cast<vring_used*>(mem.data() + SplitVirtqueue::used_offset(size)); }

    // The device side: takes the next available chain, returns its descriptors in order.
    std::vector<vring_desc> device_take(u16& head) {
        std::vector<vring_desc> chain;
        head = avail()->ring[device_avail % size];
        device_avail++;
        u16 i = head;
        for (;;) {
            chain.push_back(desc()[i]);
            if (!(desc()[i].flags & VRING_DESC_F_NEXT)) break;
            i = desc()[i].next;
        }
        return chain;
    }
    void device_complete(u16 head, u32 written) {
        used()->ring[used()->idx % size] = {head, written};
        used()->idx = static_cast<u16>(used()->idx + 1);
    }

    u16 size;
    std::vector<u8> mem;
    std::vector<void*> cookies;
    SplitVirtqueue vq;
    u16 device_avail = 0;
};

}  // namespace

TEST(Virtqueue, LayoutFollowsTheSpecAlignment) {
    EXPECT_EQ(SplitVirtqueue::avail_offset(128), 128u * 16);
    EXPECT_EQ(SplitVirtqueue::used_offset(128) % 4, 0u);
    EXPECT_GE(SplitVirtqueue::used_offset(128), SplitVirtqueue::avail_offset(128) + 6 + 2 * 128);
    EXPECT_EQ(SplitVirtqueue::ring_bytes(128), SplitVirtqueue::used_offset(128) + 6 + 8 * 128);
    // Queue size 2: avail ends at 32 + 10 = 42, used starts at the next multiple of 4.
    EXPECT_EQ(SplitVirtqueue::used_offset(2), 44u);
}

TEST(Virtqueue, AChainReachesTheDeviceInOrder) {
    Ring r(8);
    int cookie = 0;
    SplitVirtqueue::Segment segs[] = {{0x1000, 16, false}, {0x2000, 512, true}, {0x3000, 1, true}};
    ASSERT_TRUE(r.vq.add(segs, 3, &cookie));
    EXPECT_EQ(r.avail()->idx, 1);
    EXPECT_EQ(r.vq.free_descriptors(), 5u);
    u16 head;
    auto chain = r.device_take(head);
    ASSERT_EQ(chain.size(), 3u);
    EXPECT_EQ(chain[0].addr, 0x1000u);
    EXPECT_EQ(chain[0].len, 16u);
    EXPECT_EQ(chain[0].flags, VRING_DESC_F_NEXT);
    EXPECT_EQ(chain[1].flags, VRING_DESC_F_NEXT | VRING_DESC_F_WRITE);
    EXPECT_EQ(chain[2].addr, 0x3000u);
    EXPECT_EQ(chain[2].flags, VRING_DESC_F_WRITE);
}

TEST(Virtqueue, NothingUsedUntilTheDeviceCompletes) {
    Ring r(4);
    int cookie = 0;
    SplitVirtqueue::Segment s{0x1000, 8, false};
    ASSERT_TRUE(r.vq.add(&s, 1, &cookie));
    void* got = nullptr;
    u32 len = 0;
    EXPECT_FALSE(r.vq.has_used());
    EXPECT_FALSE(r.vq.pop_used(&got, &len));
    u16 head;
    r.device_take(head);
    r.device_complete(head, 7);
    EXPECT_TRUE(r.vq.has_used());
    ASSERT_TRUE(r.vq.pop_used(&got, &len));
    EXPECT_EQ(got, &cookie);
    EXPECT_EQ(len, 7u);
    EXPECT_EQ(r.vq.free_descriptors(), 4u);
    EXPECT_FALSE(r.vq.pop_used(&got, &len));
}

TEST(Virtqueue, AFullRingRefusesWithoutChangingAnything) {
    Ring r(4);
    int a = 0, b = 0;
    SplitVirtqueue::Segment segs[3] = {{1, 1, false}, {2, 1, false}, {3, 1, true}};
    ASSERT_TRUE(r.vq.add(segs, 3, &a));
    EXPECT_FALSE(r.vq.add(segs, 2, &b));
    EXPECT_EQ(r.avail()->idx, 1);
    EXPECT_EQ(r.vq.free_descriptors(), 1u);
    EXPECT_FALSE(r.vq.add(segs, 0, &b));
    ASSERT_TRUE(r.vq.add(segs, 1, &b));
    EXPECT_EQ(r.vq.free_descriptors(), 0u);
}

TEST(Virtqueue, OutOfOrderCompletionsFreeTheRightChains) {
    Ring r(8);
    int c[3];
    SplitVirtqueue::Segment two[2] = {{1, 1, false}, {2, 1, true}};
    SplitVirtqueue::Segment three[3] = {{1, 1, false}, {2, 1, false}, {3, 1, true}};
    ASSERT_TRUE(r.vq.add(two, 2, &c[0]));
    ASSERT_TRUE(r.vq.add(three, 3, &c[1]));
    ASSERT_TRUE(r.vq.add(two, 2, &c[2]));
    EXPECT_EQ(r.vq.free_descriptors(), 1u);
    u16 h[3];
    for (u16& x : h) r.device_take(x);
    r.device_complete(h[1], 0);
    r.device_complete(h[2], 0);
    void* got;
    u32 len;
    ASSERT_TRUE(r.vq.pop_used(&got, &len));
    EXPECT_EQ(got, &c[1]);
    EXPECT_EQ(r.vq.free_descriptors(), 4u);
    ASSERT_TRUE(r.vq.pop_used(&got, &len));
    EXPECT_EQ(got, &c[2]);
    EXPECT_EQ(r.vq.free_descriptors(), 6u);
    // The freed descriptors are reused: a six-descriptor chain fits now and is well formed.
    SplitVirtqueue::Segment six[6];
    for (int i = 0; i < 6; i++) six[i] = {u64(0x100 * (i + 1)), 4, i == 5};
    int big;
    ASSERT_TRUE(r.vq.add(six, 6, &big));
    u16 hb;
    auto chain = r.device_take(hb);
    ASSERT_EQ(chain.size(), 6u);
    for (int i = 0; i < 6; i++) EXPECT_EQ(chain[i].addr, u64(0x100 * (i + 1)));
    r.device_complete(h[0], 0);
    r.device_complete(hb, 0);
    ASSERT_TRUE(r.vq.pop_used(&got, &len));
    EXPECT_EQ(got, &c[0]);
    ASSERT_TRUE(r.vq.pop_used(&got, &len));
    EXPECT_EQ(got, &big);
    EXPECT_EQ(r.vq.free_descriptors(), 8u);
}

TEST(Virtqueue, IndicesWrapAroundSixteenBits) {
    Ring r(4);
    int cookie;
    SplitVirtqueue::Segment s{0x1000, 8, false};
    for (int i = 0; i < 70000; i++) {
        ASSERT_TRUE(r.vq.add(&s, 1, &cookie));
        u16 head;
        r.device_take(head);
        r.device_complete(head, 1);
        void* got;
        u32 len;
        ASSERT_TRUE(r.vq.pop_used(&got, &len));
        ASSERT_EQ(got, &cookie);
    }
    EXPECT_EQ(r.avail()->idx, static_cast<u16>(70000));
    EXPECT_EQ(r.vq.free_descriptors(), 4u);
}

TEST(Virtqueue, ABrokenDeviceIdIsIgnored) {
    Ring r(4);
    r.used()->ring[0] = {9, 0};   // no such descriptor
    r.used()->idx = 1;
    void* got;
    u32 len;
    EXPECT_FALSE(r.vq.pop_used(&got, &len));
    EXPECT_EQ(r.vq.free_descriptors(), 4u);
}

TEST(Virtqueue, NotifySuppressionFollowsTheDeviceFlag) {
    Ring r(4);
    EXPECT_FALSE(r.vq.notify_suppressed());
    r.used()->flags = VRING_USED_F_NO_NOTIFY;
    EXPECT_TRUE(r.vq.notify_suppressed());
}
