// SPDX-License-Identifier: MIT
// Split-ring bookkeeping. Free descriptors form a list threaded through their `next` fields.
// Ordering: descriptors and the ring slot are written before avail->idx is published
// (release), and used->idx is read (acquire) before the entries it covers, as virtio 1.x 2.7.13
// asks of the driver.
#include "drivers/virtio/virtqueue.h"

usize SplitVirtqueue::ring_bytes(u16 size) { return used_offset(size) + used_bytes(size); }

void SplitVirtqueue::init(u16 size, void* mem, void** cookies) {
    auto* base = static_cast<u8*>(mem);
    m_size = size;
    m_desc = reinterpret_cast<vring_desc*>(base);
    m_avail = reinterpret_cast<vring_avail*>(base + avail_offset(size));
    m_used = reinterpret_cast<vring_used*>(base + used_offset(size));
    m_cookies = cookies;
    for (u16 i = 0; i < size; i++) {
        m_desc[i].next = static_cast<u16>(i + 1 < size ? i + 1 : 0);
        m_cookies[i] = nullptr;
    }
    m_free_head = 0;
    m_free_count = size;
    m_avail_idx = 0;
    m_last_used = 0;
}

bool SplitVirtqueue::add(const Segment* segs, unsigned n, void* cookie) {
    if (n == 0 || n > m_free_count) return false;
    u16 head = m_free_head;
    u16 idx = head;
    for (unsigned i = 0; i < n; i++) {
        vring_desc& d = m_desc[idx];
        d.addr = segs[i].addr;
        d.len = segs[i].len;
        u16 flags = segs[i].device_writes ? VRING_DESC_F_WRITE : 0;
        if (i + 1 < n) flags |= VRING_DESC_F_NEXT;
        d.flags = flags;
        if (i + 1 < n) idx = d.next;
    }
    m_free_head = m_desc[idx].next;
    m_free_count -= n;
    m_cookies[head] = cookie;
    m_avail->ring[m_avail_idx % m_size] = head;
    m_avail_idx++;
    __atomic_store_n(&m_avail->idx, m_avail_idx, __ATOMIC_RELEASE);
    return true;
}

bool SplitVirtqueue::has_used() const { return __atomic_load_n(&m_used->idx, __ATOMIC_ACQUIRE) != m_last_used; }

bool SplitVirtqueue::notify_suppressed() const {
    // The avail->idx store must be visible before the device's flag is read (a full fence).
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
    return __atomic_load_n(&m_used->flags, __ATOMIC_RELAXED) & VRING_USED_F_NO_NOTIFY;
}

bool SplitVirtqueue::pop_used(void** cookie, u32* written) {
    if (!has_used()) return false;
    const vring_used_elem& e = m_used->ring[m_last_used % m_size];
    m_last_used++;
    u16 head = static_cast<u16>(e.id);
    if (head >= m_size) return false;   // a broken device; nothing sane to free
    *written = e.len;
    *cookie = m_cookies[head];
    m_cookies[head] = nullptr;
    // Return the chain to the free list.
    u16 idx = head;
    unsigned n = 1;
    while ((m_desc[idx].flags & VRING_DESC_F_NEXT) && n < m_size) {
        idx = m_desc[idx].next;
        n++;
    }
    m_desc[idx].next = m_free_head;
    m_free_head = head;
    m_free_count += n;
    return true;
}
