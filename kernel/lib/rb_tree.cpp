// SPDX-License-Identifier: MIT
// Red-black rebalancing (the classic insert and delete fix-ups over parent-linked nodes, with
// null leaves counted as black).
#include "lib/rb_tree.h"

namespace {

bool is_red(const RbNode* n) { return n && n->red; }

int check_subtree(const RbNode* n, const RbNode* parent) {
    if (!n) return 1;
    if (n->parent != parent || !n->linked) return -1;
    if (n->red && (is_red(n->left) || is_red(n->right))) return -1;
    int l = check_subtree(n->left, n);
    int r = check_subtree(n->right, n);
    if (l < 0 || r < 0 || l != r) return -1;
    return l + (n->red ? 0 : 1);
}

usize count_subtree(const RbNode* n) {
    return n ? 1 + count_subtree(n->left) + count_subtree(n->right) : 0;
}

}  // namespace

RbNode* RbTreeCore::first(RbNode* n) {
    if (!n) return nullptr;
    while (n->left) n = n->left;
    return n;
}

RbNode* RbTreeCore::last(RbNode* n) {
    if (!n) return nullptr;
    while (n->right) n = n->right;
    return n;
}

RbNode* RbTreeCore::next(RbNode* n) {
    if (n->right) return first(n->right);
    while (n->parent && n == n->parent->right) n = n->parent;
    return n->parent;
}

RbNode* RbTreeCore::prev(RbNode* n) {
    if (n->left) return last(n->left);
    while (n->parent && n == n->parent->left) n = n->parent;
    return n->parent;
}

void RbTreeCore::replace_child(RbNode* parent, RbNode* old_child, RbNode* new_child) {
    if (!parent)
        m_root = new_child;
    else if (parent->left == old_child)
        parent->left = new_child;
    else
        parent->right = new_child;
}

void RbTreeCore::rotate_left(RbNode* x) {
    RbNode* y = x->right;
    x->right = y->left;
    if (y->left) y->left->parent = x;
    y->parent = x->parent;
    replace_child(x->parent, x, y);
    y->left = x;
    x->parent = y;
}

void RbTreeCore::rotate_right(RbNode* x) {
    RbNode* y = x->left;
    x->left = y->right;
    if (y->right) y->right->parent = x;
    y->parent = x->parent;
    replace_child(x->parent, x, y);
    y->right = x;
    x->parent = y;
}

void RbTreeCore::link(RbNode* n, RbNode* parent, bool as_left) {
    n->parent = parent;
    n->left = n->right = nullptr;
    n->red = true;
    n->linked = true;
    if (!parent)
        m_root = n;
    else if (as_left)
        parent->left = n;
    else
        parent->right = n;
    m_size++;

    RbNode* p;
    while ((p = n->parent) && p->red) {
        RbNode* g = p->parent;   // a red node is never the root
        if (p == g->left) {
            RbNode* u = g->right;
            if (is_red(u)) {
                p->red = u->red = false;
                g->red = true;
                n = g;
                continue;
            }
            if (n == p->right) {
                rotate_left(p);
                n = p;
                p = n->parent;
            }
            p->red = false;
            g->red = true;
            rotate_right(g);
        } else {
            RbNode* u = g->left;
            if (is_red(u)) {
                p->red = u->red = false;
                g->red = true;
                n = g;
                continue;
            }
            if (n == p->left) {
                rotate_right(p);
                n = p;
                p = n->parent;
            }
            p->red = false;
            g->red = true;
            rotate_left(g);
        }
    }
    m_root->red = false;
}

void RbTreeCore::erase(RbNode* z) {
    RbNode* child;
    RbNode* parent;
    bool removed_red;
    if (!z->left || !z->right) {
        child = z->left ? z->left : z->right;
        parent = z->parent;
        removed_red = z->red;
        if (child) child->parent = parent;
        replace_child(parent, z, child);
    } else {
        // The in-order successor y takes z's place (and colour); y's old slot loses a node.
        RbNode* y = first(z->right);
        removed_red = y->red;
        child = y->right;
        parent = y->parent;
        if (parent == z) {
            parent = y;
        } else {
            if (child) child->parent = parent;
            parent->left = child;
            y->right = z->right;
            z->right->parent = y;
        }
        y->left = z->left;
        z->left->parent = y;
        y->parent = z->parent;
        replace_child(z->parent, z, y);
        y->red = z->red;
    }
    z->parent = z->left = z->right = nullptr;
    z->red = false;
    z->linked = false;
    m_size--;
    if (!removed_red) erase_fixup(child, parent);
}

void RbTreeCore::erase_fixup(RbNode* x, RbNode* parent) {
    while (x != m_root && !is_red(x)) {
        if (x == parent->left) {
            RbNode* w = parent->right;
            if (w->red) {
                w->red = false;
                parent->red = true;
                rotate_left(parent);
                w = parent->right;
            }
            if (!is_red(w->left) && !is_red(w->right)) {
                w->red = true;
                x = parent;
                parent = x->parent;
            } else {
                if (!is_red(w->right)) {
                    w->left->red = false;
                    w->red = true;
                    rotate_right(w);
                    w = parent->right;
                }
                w->red = parent->red;
                parent->red = false;
                if (w->right) w->right->red = false;
                rotate_left(parent);
                x = m_root;
                break;
            }
        } else {
            RbNode* w = parent->left;
            if (w->red) {
                w->red = false;
                parent->red = true;
                rotate_right(parent);
                w = parent->left;
            }
            if (!is_red(w->left) && !is_red(w->right)) {
                w->red = true;
                x = parent;
                parent = x->parent;
            } else {
                if (!is_red(w->left)) {
                    w->right->red = false;
                    w->red = true;
                    rotate_left(w);
                    w = parent->left;
                }
                w->red = parent->red;
                parent->red = false;
                if (w->left) w->left->red = false;
                rotate_right(parent);
                x = m_root;
                break;
            }
        }
    }
    if (x) x->red = false;
}

int RbTreeCore::check() const {
    if (is_red(m_root)) return -1;
    if (count_subtree(m_root) != m_size) return -1;
    return check_subtree(m_root, nullptr);
}
