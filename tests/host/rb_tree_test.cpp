// SPDX-License-Identifier: MIT
// Host tests for the intrusive red-black tree: invariants after every random insert and erase
// (checked against std::multiset), ordered iteration, floor/upper_bound lookups.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <random>
#include <set>
#include <vector>

#include "lib/rb_tree.h"

namespace {

struct Node {
    int pad = 0;   // the node is not the first member: owner() must subtract the offset
    RbNode rb;
    int key;
    explicit Node(int k) : key(k) {}
};
struct KeyOf {
    int operator()(const Node& n) const { return n.key; }
};
using Tree = RbTree<Node, &Node::rb, KeyOf>;

std::vector<int> keys(const Tree& t) {
    std::vector<int> v;
    for (Node& n : t) v.push_back(n.key);
    return v;
}

TEST(RbTree, EmptyTree) {
    Tree t;
    EXPECT_TRUE(t.empty());
    EXPECT_EQ(t.first(), nullptr);
    EXPECT_EQ(t.floor(5), nullptr);
    EXPECT_EQ(t.upper_bound(5), nullptr);
    EXPECT_EQ(t.check(), 1);
}

TEST(RbTree, SequentialInsertStaysBalanced) {
    Tree t;
    std::vector<std::unique_ptr<Node>> nodes;
    for (int i = 0; i < 4096; i++) {
        nodes.push_back(std::make_unique<Node>(i));
        t.insert(*nodes.back());
    }
    int bh = t.check();
    ASSERT_GT(bh, 0);
    // A red-black tree of n nodes has black height <= log2(n+1): 4096 nodes -> <= 13.
    EXPECT_LE(bh, 13);
    EXPECT_EQ(t.size(), 4096u);
    EXPECT_EQ(t.first()->key, 0);
    EXPECT_EQ(t.last()->key, 4095);
    // Removing every other node while iterating keeps order and invariants.
    for (Node& n : t)
        if (n.key % 2) t.remove(n);
    EXPECT_GT(t.check(), 0);
    EXPECT_EQ(t.size(), 2048u);
    EXPECT_EQ(t.next_of(*t.first())->key, 2);
    EXPECT_EQ(t.prev_of(*t.last())->key, 4092);
}

TEST(RbTree, FloorAndUpperBound) {
    Tree t;
    std::vector<std::unique_ptr<Node>> nodes;
    for (int k : {10, 20, 30, 40}) {
        nodes.push_back(std::make_unique<Node>(k));
        t.insert(*nodes.back());
    }
    EXPECT_EQ(t.floor(5), nullptr);
    EXPECT_EQ(t.floor(10)->key, 10);
    EXPECT_EQ(t.floor(29)->key, 20);
    EXPECT_EQ(t.floor(99)->key, 40);
    EXPECT_EQ(t.upper_bound(5)->key, 10);
    EXPECT_EQ(t.upper_bound(10)->key, 20);
    EXPECT_EQ(t.upper_bound(40), nullptr);
}

TEST(RbTree, RandomOperationsMatchMultiset) {
    std::mt19937 rng(12345);
    Tree t;
    std::multiset<int> model;
    std::vector<std::unique_ptr<Node>> live;
    for (int step = 0; step < 20000; step++) {
        bool insert = live.empty() || rng() % 3 != 0;
        if (insert) {
            int k = static_cast<int>(rng() % 500);
            live.push_back(std::make_unique<Node>(k));
            t.insert(*live.back());
            model.insert(k);
        } else {
            usize i = rng() % live.size();
            model.erase(model.find(live[i]->key));
            t.remove(*live[i]);
            EXPECT_FALSE(live[i]->rb.linked);
            live.erase(live.begin() + static_cast<long>(i));
        }
        if (step % 97 == 0) {
            ASSERT_GT(t.check(), 0) << "step " << step;
            ASSERT_EQ(keys(t), std::vector<int>(model.begin(), model.end()));
            int probe = static_cast<int>(rng() % 520) - 10;
            auto it = model.upper_bound(probe);
            Node* ub = t.upper_bound(probe);
            if (it == model.end())
                EXPECT_EQ(ub, nullptr);
            else
                EXPECT_EQ(ub->key, *it);
            Node* fl = t.floor(probe);
            if (it == model.begin())
                EXPECT_EQ(fl, nullptr);
            else
                EXPECT_EQ(fl->key, *std::prev(it));
        }
    }
    while (Node* n = t.pop_front()) {
        (void)n;
        ASSERT_GE(t.check(), 0);
    }
    EXPECT_TRUE(t.empty());
}

}  // namespace
