// SPDX-License-Identifier: MIT
// A sparse map from a page index to one 4 KiB page: the index of a file's page cache. A radix tree of 512-way nodes whose height grows with the
// largest index stored, so a file with one page at 1 TiB costs a handful of nodes. Absent pages
// are holes that read as zeros. Pages and nodes come from a PageAllocator, so the structure is
// pure and host-tested.
#pragma once

#include "lib/result.h"

struct PageAllocator {
    Result<void*> (*alloc_zeroed)(void* ctx);   // one zeroed, 4 KiB-aligned page, or ENOMEM/ENOSPC
    void (*free)(void* ctx, void* page);
    void* ctx;
    // Interior nodes, when they come from elsewhere (tmpfs charges only data pages against its
    // size=, as Linux's shmem does); null: the page functions above.
    Result<void*> (*node_alloc_zeroed)(void* ctx) = nullptr;
    void (*node_free)(void* ctx, void* node) = nullptr;
};

class PageTree {
public:
    static constexpr unsigned kFanoutShift = 9;
    static constexpr usize kFanout = 1u << kFanoutShift;

    explicit PageTree(const PageAllocator& alloc) : m_alloc(alloc) {}
    ~PageTree() { clear(); }
    ARAMID_NOCOPY(PageTree);

    // The page at index, or null for a hole.
    void* lookup(u64 index) const;
    // The page at index; a zeroed page (and the nodes above it) is allocated for a hole.
    // The allocator's error when that fails (what was built stays linked: truncate frees it).
    Result<void*> get_or_alloc(u64 index);
    // Frees every page at index >= first, and the nodes left empty. Returns the pages freed.
    usize truncate(u64 first);
    // Frees the page at index, leaving a hole (the nodes above stay until truncate). True if
    // there was a page.
    bool remove(u64 index);
    void clear() { truncate(0); }
    // Frees up to `max` pages for which drop(index, page) says yes, leaving holes; interior nodes
    // left empty go too. Returns the pages freed. (Memory pressure: a cache sheds what it can.)
    template <typename Pred>
    usize remove_if(Pred drop, usize max) {
        if (!m_root || max == 0) return 0;
        usize freed = 0;
        if (remove_if_node(m_root, m_height, 0, drop, max, freed)) {
            free_node(m_root);
            m_root = nullptr;
            m_height = 0;
        }
        return freed;
    }

    usize page_count() const { return m_pages; }   // data pages
    usize node_count() const { return m_nodes; }   // interior nodes

private:
    struct Node {
        void* slot[kFanout];
    };
    static_assert(sizeof(Node) == 4096);

    static unsigned height_for(u64 index);
    // Span in pages of one slot at level `level` (level 0 slots hold data pages).
    static u64 slot_span(unsigned level) { return u64(1) << (kFanoutShift * level); }
    // Frees the entries of node at level >= first (relative to base); true if the node is empty.
    bool truncate_node(Node* n, unsigned level, u64 base, u64 first, usize& freed);
    void free_subtree(Node* n, unsigned level, usize& freed);
    // Returns true when n (at `level` >= 1, covering pages from base) is left empty.
    template <typename Pred>
    bool remove_if_node(Node* n, unsigned level, u64 base, Pred& drop, usize max, usize& freed) {
        u64 span = slot_span(level - 1);
        bool empty = true;
        for (usize i = 0; i < kFanout; i++) {
            void*& s = n->slot[i];
            if (!s) continue;
            if (freed < max) {
                if (level == 1) {
                    if (drop(base + i, s)) {
                        m_alloc.free(m_alloc.ctx, s);
                        s = nullptr;
                        m_pages--;
                        freed++;
                        continue;
                    }
                } else if (remove_if_node(static_cast<Node*>(s), level - 1, base + i * span, drop, max, freed)) {
                    free_node(static_cast<Node*>(s));
                    s = nullptr;
                    continue;
                }
            }
            empty = false;
        }
        return empty;
    }
    Result<Node*> alloc_node();
    void free_node(Node* n);

    PageAllocator m_alloc;
    Node* m_root = nullptr;
    unsigned m_height = 0;   // levels of nodes; the root covers kFanout^m_height pages
    usize m_pages = 0;
    usize m_nodes = 0;
};
