// SPDX-License-Identifier: MIT
// Intrusive red-black tree: the node lives inside the object, so insertion and removal never
// allocate and cannot fail, and lookups are O(log n) (address spaces with thousands of VMAs).
// The tree is ordered by a key the caller reads from the object; equal keys are not allowed to
// be ambiguous for lookups, but insertion of an equal key goes to the right (after).
#pragma once

#include "lib/assert.h"
#include "lib/member_owner.h"

struct RbNode {
    RbNode* parent = nullptr;
    RbNode* left = nullptr;
    RbNode* right = nullptr;
    bool red = false;
    bool linked = false;
};

// The untyped core: rebalancing and in-order stepping (lib/rb_tree.cpp).
class RbTreeCore {
public:
    RbNode* root() const { return m_root; }
    usize size() const { return m_size; }
    bool empty() const { return m_root == nullptr; }

    // Links n as the given child of parent (nullptr parent: the root) and rebalances.
    void link(RbNode* n, RbNode* parent, bool as_left);
    void erase(RbNode* n);

    static RbNode* first(RbNode* root);
    static RbNode* last(RbNode* root);
    static RbNode* next(RbNode* n);
    static RbNode* prev(RbNode* n);

    // Checks the red-black invariants and parent links; returns the black height, or -1 when
    // broken. For tests.
    int check() const;

private:
    void rotate_left(RbNode* x);
    void rotate_right(RbNode* x);
    void replace_child(RbNode* parent, RbNode* old_child, RbNode* new_child);
    void erase_fixup(RbNode* x, RbNode* x_parent);

    RbNode* m_root = nullptr;
    usize m_size = 0;
};

// KeyOf is a function object returning the ordering key (any type with <) of a T.
template <typename T, RbNode T::*Member, typename KeyOf>
class RbTree {
public:
    RbTree() = default;
    RbTree(const RbTree&) = delete;
    RbTree& operator=(const RbTree&) = delete;

    bool empty() const { return m_core.empty(); }
    usize size() const { return m_core.size(); }

    void insert(T& item) {
        RbNode* n = node(item);
        VERIFY(!n->linked);
        auto key = KeyOf{}(item);
        RbNode* parent = nullptr;
        bool left = false;
        for (RbNode* cur = m_core.root(); cur;) {
            parent = cur;
            left = key < KeyOf{}(*owner(cur));
            cur = left ? cur->left : cur->right;
        }
        m_core.link(n, parent, left);
    }
    void remove(T& item) {
        VERIFY(node(item)->linked);
        m_core.erase(node(item));
    }
    T* first() const { return wrap(RbTreeCore::first(m_core.root())); }
    T* last() const { return wrap(RbTreeCore::last(m_core.root())); }
    T* next_of(T& item) const { return wrap(RbTreeCore::next(node(item))); }
    T* prev_of(T& item) const { return wrap(RbTreeCore::prev(node(item))); }
    T* pop_front() {
        T* t = first();
        if (t) remove(*t);
        return t;
    }

    // The last item whose key is <= key (nullptr when all are greater).
    template <typename K>
    T* floor(const K& key) const {
        RbNode* best = nullptr;
        for (RbNode* cur = m_core.root(); cur;) {
            if (key < KeyOf{}(*owner(cur))) {
                cur = cur->left;
            } else {
                best = cur;
                cur = cur->right;
            }
        }
        return wrap(best);
    }
    // The first item whose key is > key.
    template <typename K>
    T* upper_bound(const K& key) const {
        RbNode* best = nullptr;
        for (RbNode* cur = m_core.root(); cur;) {
            if (key < KeyOf{}(*owner(cur))) {
                best = cur;
                cur = cur->left;
            } else {
                cur = cur->right;
            }
        }
        return wrap(best);
    }

    int check() const { return m_core.check(); }

    // In-order iteration; the successor is read before the body runs, so the current item may be
    // removed inside the loop (its successor may not).
    class Iterator {
    public:
        explicit Iterator(RbNode* n) : m_n(n), m_next(n ? RbTreeCore::next(n) : nullptr) {}
        T& operator*() const { return *owner(m_n); }
        T* operator->() const { return owner(m_n); }
        Iterator& operator++() {
            m_n = m_next;
            m_next = m_n ? RbTreeCore::next(m_n) : nullptr;
            return *this;
        }
        bool operator!=(const Iterator& o) const { return m_n != o.m_n; }

    private:
        RbNode* m_n;
        RbNode* m_next;
    };
    Iterator begin() const { return Iterator(RbTreeCore::first(m_core.root())); }
    Iterator end() const { return Iterator(nullptr); }

private:
    static RbNode* node(T& item) { return &(item.*Member); }
    static T* owner(RbNode* n) { return member_owner(n, Member); }
    static T* wrap(RbNode* n) { return n ? owner(n) : nullptr; }

    RbTreeCore m_core;
};
