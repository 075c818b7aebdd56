// SPDX-License-Identifier: MIT
// Storage for a global whose constructor is not constexpr (a Mutex, a list head): constructed by
// an explicit init() in the boot sequence, so no global constructor runs (policy: .init_array
// stays empty).
#pragma once

#include <new>
#include <utility>

#include "lib/assert.h"

template <typename T>
class LateInit {
public:
    constexpr LateInit() = default;
    ARAMID_NOCOPY(LateInit);

    template <typename... Args>
    T& init(Args&&... args) {
        VERIFY(!m_ready);
        T* p = new (m_storage) T(std::forward<Args>(args)...);
        m_ready = true;
        return *p;
    }
    bool ready() const { return m_ready; }
    T& get() {
        VERIFY(m_ready);
        return *std::launder(reinterpret_cast<T*>(m_storage));
    }
    T* operator->() { return &get(); }
    T& operator*() { return get(); }

private:
    alignas(T) unsigned char m_storage[sizeof(T)] = {};
    bool m_ready = false;
};
