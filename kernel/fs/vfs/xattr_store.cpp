// SPDX-License-Identifier: MIT
#include "fs/vfs/xattr_store.h"

#include <string.h>

#include "abi/linux/uapi.h"
#include "mm/kheap.h"

XattrStore::~XattrStore() {
    while (m_head) {
        Entry* e = m_head;
        m_head = e->next;
        kfree(e);
    }
}

XattrStore::Entry** XattrStore::find(StringView name) const {
    auto** p = const_cast<Entry**>(&m_head);
    for (; *p; p = &(*p)->next)
        if ((*p)->name() == name) return p;
    return nullptr;
}

Result<usize> XattrStore::get(StringView name, void* buf, usize size) const {
    Entry** p = find(name);
    if (!p) return Error(ENODATA);
    const Entry& e = **p;
    if (size) {
        if (e.value_len > size) return Error(ERANGE);
        memcpy(buf, e.data + e.name_len, e.value_len);
    }
    return e.value_len;
}

Result<void> XattrStore::set(StringView name, const void* value, usize size, int flags) {
    Entry** p = find(name);
    if (p && (flags & XATTR_CREATE)) return Error(EEXIST);
    if (!p && (flags & XATTR_REPLACE)) return Error(ENODATA);
    auto* e = static_cast<Entry*>(kmalloc(sizeof(Entry) + name.length() + size));
    if (!e) return Error(ENOMEM);
    e->name_len = static_cast<u32>(name.length());
    e->value_len = static_cast<u32>(size);
    memcpy(e->data, name.data(), name.length());
    if (size) memcpy(e->data + name.length(), value, size);
    if (p) {
        Entry* old = *p;
        e->next = old->next;
        *p = e;
        kfree(old);
    } else {
        e->next = m_head;
        m_head = e;
    }
    return {};
}

Result<void> XattrStore::remove(StringView name) {
    Entry** p = find(name);
    if (!p) return Error(ENODATA);
    Entry* e = *p;
    *p = e->next;
    kfree(e);
    return {};
}

Result<usize> XattrStore::list(char* buf, usize size, bool (*keep)(StringView, const void*), const void* ctx) const {
    usize n = 0;
    for (const Entry* e = m_head; e; e = e->next) {
        if (!keep(e->name(), ctx)) continue;
        usize len = e->name_len + 1;
        if (size) {
            if (n + len > size) return Error(ERANGE);
            memcpy(buf + n, e->data, e->name_len);
            buf[n + e->name_len] = 0;
        }
        n += len;
    }
    return n;
}
