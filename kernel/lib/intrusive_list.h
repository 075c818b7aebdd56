// SPDX-License-Identifier: MIT
// Intrusive doubly linked list: the node lives inside the object, so insertion and removal
// never allocate and cannot fail. A list is parameterised by a pointer to the node member.
#pragma once

#include "lib/assert.h"
#include "lib/member_owner.h"

struct ListNode {
    ListNode* prev = nullptr;
    ListNode* next = nullptr;
    bool linked() const { return next != nullptr; }
};

template <typename T, ListNode T::*Member>
class IntrusiveList {
public:
    IntrusiveList() { m_head.prev = m_head.next = &m_head; }
    IntrusiveList(const IntrusiveList&) = delete;
    IntrusiveList& operator=(const IntrusiveList&) = delete;

    bool empty() const { return m_head.next == &m_head; }
    usize size() const { return m_size; }

    void push_back(T& item) { insert_before(&m_head, node(item)); }
    void push_front(T& item) { insert_before(m_head.next, node(item)); }
    void remove(T& item) {
        ListNode* n = node(item);
        VERIFY(n->linked());
        n->prev->next = n->next;
        n->next->prev = n->prev;
        n->prev = n->next = nullptr;
        m_size--;
    }
    T* first() const { return empty() ? nullptr : owner(m_head.next); }
    T* last() const { return empty() ? nullptr : owner(m_head.prev); }
    T* pop_front() {
        T* t = first();
        if (t) remove(*t);
        return t;
    }
    T* next_of(T& item) const {
        ListNode* n = node(item)->next;
        return n == &m_head ? nullptr : owner(n);
    }
    static bool is_linked(T& item) { return node(item)->linked(); }

    class Iterator {
    public:
        Iterator(ListNode* n, const ListNode* head) : m_n(n), m_next(n->next), m_head(head) {}
        T& operator*() const { return *owner(m_n); }
        T* operator->() const { return owner(m_n); }
        // The successor is read before the loop body runs, so the current element may be
        // removed (or moved to another list) inside the body; its successor may not.
        Iterator& operator++() {
            m_n = m_next;
            m_next = m_n->next;
            return *this;
        }
        bool operator!=(const Iterator& o) const { return m_n != o.m_n; }

    private:
        ListNode* m_n;
        ListNode* m_next;
        const ListNode* m_head;
    };
    Iterator begin() { return Iterator(m_head.next, &m_head); }
    Iterator end() { return Iterator(&m_head, &m_head); }

private:
    static ListNode* node(T& item) { return &(item.*Member); }
    static T* owner(ListNode* n) { return member_owner(n, Member); }
    void insert_before(ListNode* pos, ListNode* n) {
        VERIFY(!n->linked());
        n->next = pos;
        n->prev = pos->prev;
        pos->prev->next = n;
        pos->prev = n;
        m_size++;
    }
    ListNode m_head;
    usize m_size = 0;
};
