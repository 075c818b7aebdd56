// SPDX-License-Identifier: MIT
#include "mm/page_tree.h"

unsigned PageTree::height_for(u64 index) {
    unsigned h = 1;
    while (h * kFanoutShift < 64 && (index >> (h * kFanoutShift)) != 0) h++;
    return h;
}

void* PageTree::lookup(u64 index) const {
    if (!m_root || height_for(index) > m_height) return nullptr;
    Node* n = m_root;
    for (unsigned level = m_height; level-- > 0;) {
        void* next = n->slot[(index >> (level * kFanoutShift)) & (kFanout - 1)];
        if (!next) return nullptr;
        if (level == 0) return next;
        n = static_cast<Node*>(next);
    }
    return nullptr;
}

Result<PageTree::Node*> PageTree::alloc_node() {
    auto fn = m_alloc.node_alloc_zeroed ? m_alloc.node_alloc_zeroed : m_alloc.alloc_zeroed;
    void* p = TRY(fn(m_alloc.ctx));
    m_nodes++;
    return static_cast<Node*>(p);
}

void PageTree::free_node(Node* n) {
    (m_alloc.node_free ? m_alloc.node_free : m_alloc.free)(m_alloc.ctx, n);
    m_nodes--;
}

Result<void*> PageTree::get_or_alloc(u64 index) {
    unsigned need = height_for(index);
    if (!m_root) {
        m_root = TRY(alloc_node());
        m_height = need;
    }
    // Grow: the old root becomes slot 0 of a new root until the index fits.
    while (m_height < need) {
        Node* top = TRY(alloc_node());
        top->slot[0] = m_root;
        m_root = top;
        m_height++;
    }
    Node* n = m_root;
    for (unsigned level = m_height; level-- > 0;) {
        void*& slot = n->slot[(index >> (level * kFanoutShift)) & (kFanout - 1)];
        if (!slot) {
            // Empty nodes made here stay linked; truncate() frees them like any other.
            if (level == 0) {
                slot = TRY(m_alloc.alloc_zeroed(m_alloc.ctx));
                m_pages++;
            } else {
                slot = TRY(alloc_node());
            }
        }
        if (level == 0) return slot;
        n = static_cast<Node*>(slot);
    }
    VERIFY_NOT_REACHED();
}

void PageTree::free_subtree(Node* n, unsigned level, usize& freed) {
    // level >= 1: n's slots are nodes of level-1 (or pages when level == 1). Depth <= 8.
    for (usize i = 0; i < kFanout; i++) {
        void* s = n->slot[i];
        if (!s) continue;
        if (level == 1) {
            m_alloc.free(m_alloc.ctx, s);
            m_pages--;
            freed++;
        } else {
            free_subtree(static_cast<Node*>(s), level - 1, freed);
        }
    }
    free_node(n);
}

bool PageTree::truncate_node(Node* n, unsigned level, u64 base, u64 first, usize& freed) {
    // n is at `level` (>= 1); each of its slots spans slot_span(level - 1) pages.
    u64 span = slot_span(level - 1);
    bool empty = true;
    for (usize i = 0; i < kFanout; i++) {
        void*& s = n->slot[i];
        if (!s) continue;
        u64 slot_base = base + i * span;
        bool whole = slot_base >= first;
        bool partial = !whole && first - slot_base < span;
        if (whole) {
            if (level == 1) {
                m_alloc.free(m_alloc.ctx, s);
                m_pages--;
                freed++;
            } else {
                free_subtree(static_cast<Node*>(s), level - 1, freed);
            }
            s = nullptr;
        } else if (partial && level > 1) {
            if (truncate_node(static_cast<Node*>(s), level - 1, slot_base, first, freed)) {
                free_node(static_cast<Node*>(s));
                s = nullptr;
            } else {
                empty = false;
            }
        } else {
            empty = false;
        }
    }
    return empty;
}

bool PageTree::remove(u64 index) {
    if (!m_root || height_for(index) > m_height) return false;
    Node* n = m_root;
    for (unsigned level = m_height; level-- > 0;) {
        void*& slot = n->slot[(index >> (level * kFanoutShift)) & (kFanout - 1)];
        if (!slot) return false;
        if (level == 0) {
            m_alloc.free(m_alloc.ctx, slot);
            slot = nullptr;
            m_pages--;
            return true;
        }
        n = static_cast<Node*>(slot);
    }
    return false;
}

usize PageTree::truncate(u64 first) {
    if (!m_root) return 0;
    usize freed = 0;
    if (truncate_node(m_root, m_height, 0, first, freed)) {
        free_node(m_root);
        m_root = nullptr;
        m_height = 0;
        return freed;
    }
    // Collapse a root whose only child is slot 0, so a shrunk file costs no extra levels.
    while (m_height > 1) {
        bool only_first = true;
        for (usize i = 1; i < kFanout; i++)
            if (m_root->slot[i]) {
                only_first = false;
                break;
            }
        if (!only_first || !m_root->slot[0]) break;
        Node* child = static_cast<Node*>(m_root->slot[0]);
        free_node(m_root);
        m_root = child;
        m_height--;
    }
    return freed;
}
