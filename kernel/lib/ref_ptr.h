// SPDX-License-Identifier: MIT
// Intrusive reference counting for shared kernel objects (inodes, files, address spaces,
// processes). RefCounted<T> holds the count; RefPtr<T> owns one reference. OwnPtr<T> is the
// unique owner. Raw pointers only borrow.
#pragma once

#include <atomic>
#include <utility>

#include "lib/assert.h"

template <typename T>
class RefCounted {
public:
    void ref() const { m_refs.fetch_add(1, std::memory_order_relaxed); }
    // A reference unless the object is already dying (count 0): for lookups through lists that
    // the object leaves only in its destructor.
    bool try_ref() const {
        u32 c = m_refs.load(std::memory_order_relaxed);
        do {
            if (c == 0) return false;
        } while (!m_refs.compare_exchange_weak(c, c + 1, std::memory_order_acquire, std::memory_order_relaxed));
        return true;
    }
    // Returns true when this call dropped the last reference (the caller then deletes).
    bool deref() const {
        u32 old = m_refs.fetch_sub(1, std::memory_order_acq_rel);
        VERIFY(old != 0);
        return old == 1;
    }
    u32 ref_count() const { return m_refs.load(std::memory_order_relaxed); }

protected:
    RefCounted() = default;
    ~RefCounted() = default;

private:
    mutable std::atomic<u32> m_refs{1};
};

// Objects start with a count of 1: adopt() takes that reference without adding one.
template <typename T>
class RefPtr {
public:
    RefPtr() = default;
    RefPtr(decltype(nullptr)) {}
    RefPtr(T* p) : m_ptr(p) {
        if (m_ptr) m_ptr->ref();
    }
    RefPtr(const RefPtr& o) : RefPtr(o.m_ptr) {}
    RefPtr(RefPtr&& o) : m_ptr(o.m_ptr) { o.m_ptr = nullptr; }
    template <typename U>
    RefPtr(const RefPtr<U>& o) : RefPtr(static_cast<T*>(o.ptr())) {}
    template <typename U>
    RefPtr(RefPtr<U>&& o) : m_ptr(static_cast<T*>(o.leak())) {}
    ~RefPtr() { clear(); }

    static RefPtr adopt(T* p) {
        RefPtr r;
        r.m_ptr = p;
        return r;
    }

    RefPtr& operator=(const RefPtr& o) {
        if (this != &o) {
            RefPtr tmp(o);
            swap(tmp);
        }
        return *this;
    }
    RefPtr& operator=(RefPtr&& o) {
        if (this != &o) {
            clear();
            m_ptr = o.m_ptr;
            o.m_ptr = nullptr;
        }
        return *this;
    }
    RefPtr& operator=(decltype(nullptr)) {
        clear();
        return *this;
    }

    void clear() {
        T* p = m_ptr;
        m_ptr = nullptr;
        if (p && p->deref()) delete p;
    }
    T* leak() {
        T* p = m_ptr;
        m_ptr = nullptr;
        return p;
    }
    void swap(RefPtr& o) { std::swap(m_ptr, o.m_ptr); }

    T* ptr() const { return m_ptr; }
    T* operator->() const { VERIFY(m_ptr); return m_ptr; }
    T& operator*() const { VERIFY(m_ptr); return *m_ptr; }
    explicit operator bool() const { return m_ptr != nullptr; }
    bool operator==(const RefPtr& o) const { return m_ptr == o.m_ptr; }
    bool operator==(const T* o) const { return m_ptr == o; }

private:
    T* m_ptr = nullptr;
};

// Moves out of a RefPtr (leaving it null) without touching the count.
template <typename T>
RefPtr<T> move_ref(RefPtr<T>& r) {
    return RefPtr<T>::adopt(r.leak());
}

template <typename T>
class OwnPtr {
public:
    OwnPtr() = default;
    explicit OwnPtr(T* p) : m_ptr(p) {}
    OwnPtr(OwnPtr&& o) : m_ptr(o.leak()) {}
    template <typename U>
    OwnPtr(OwnPtr<U>&& o) : m_ptr(o.leak()) {}
    OwnPtr(const OwnPtr&) = delete;
    OwnPtr& operator=(const OwnPtr&) = delete;
    OwnPtr& operator=(OwnPtr&& o) {
        if (this != &o) {
            delete m_ptr;
            m_ptr = o.leak();
        }
        return *this;
    }
    ~OwnPtr() { delete m_ptr; }
    T* leak() {
        T* p = m_ptr;
        m_ptr = nullptr;
        return p;
    }
    T* ptr() const { return m_ptr; }
    T* operator->() const { VERIFY(m_ptr); return m_ptr; }
    T& operator*() const { VERIFY(m_ptr); return *m_ptr; }
    explicit operator bool() const { return m_ptr != nullptr; }

private:
    T* m_ptr = nullptr;
};

// Allocates a refcounted object (count 1), or ENOMEM.
#define TRY_MAKE_REF(T, ...)                                  \
    ({                                                        \
        T* _mk = new (std::nothrow) T(__VA_ARGS__);           \
        if (!_mk) return Error(ENOMEM);                       \
        RefPtr<T>::adopt(_mk);                                \
    })
