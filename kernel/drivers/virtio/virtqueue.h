// SPDX-License-Identifier: MIT
// A split virtqueue (virtio 1.x, 2.6): the driver's side of the descriptor table, available
// ring and used ring, over memory the caller provides. Pure ring bookkeeping (host-tested):
// the transport allocates the memory, tells the device where it is, notifies it and takes the
// interrupt; the caller serialises every call (one lock per queue).
#pragma once

#include "abi/linux/virtio_abi.h"
#include "lib/types.h"

class SplitVirtqueue {
public:
    struct Segment {
        u64 addr;             // guest-physical
        u32 len;
        bool device_writes;   // a buffer the device fills (VRING_DESC_F_WRITE)
    };

    // Bytes each part needs for `size` entries (size a power of two, at most 32768).
    static usize desc_bytes(u16 size) { return usize(size) * sizeof(vring_desc); }
    static usize avail_bytes(u16 size) { return 6 + 2 * usize(size); }
    static usize used_bytes(u16 size) { return 6 + usize(size) * sizeof(vring_used_elem); }
    // One block holding the three parts, each at its required alignment (16, 2, 4).
    static usize ring_bytes(u16 size);
    static usize avail_offset(u16 size) { return desc_bytes(size); }
    static usize used_offset(u16 size) { return (avail_offset(size) + avail_bytes(size) + 3) & ~usize(3); }

    // mem: ring_bytes(size) zeroed bytes; cookies: size slots for add()'s cookies.
    void init(u16 size, void* mem, void** cookies);
    u16 size() const { return m_size; }
    unsigned free_descriptors() const { return m_free_count; }

    // Chains segs into free descriptors and makes the chain available to the device; false when
    // fewer than n descriptors are free (nothing changes then). The device sees it after the
    // caller's notify.
    bool add(const Segment* segs, unsigned n, void* cookie);
    // Takes the next chain the device has finished: its cookie and the bytes it wrote. False when
    // none is pending.
    bool pop_used(void** cookie, u32* written);
    bool has_used() const;
    // The device asked not to be notified (VRING_USED_F_NO_NOTIFY).
    bool notify_suppressed() const;

private:
    u16 m_size = 0;
    vring_desc* m_desc = nullptr;
    vring_avail* m_avail = nullptr;
    vring_used* m_used = nullptr;
    void** m_cookies = nullptr;
    u16 m_free_head = 0;
    unsigned m_free_count = 0;
    u16 m_avail_idx = 0;       // our copy of avail->idx
    u16 m_last_used = 0;       // used->idx we have consumed up to
};
