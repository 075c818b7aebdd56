// SPDX-License-Identifier: MIT
#include "drivers/tty/pty_queue.h"

namespace tty {

usize PtyQueue::push(const u8* data, usize n) {
    usize k = min(n, room());
    for (usize i = 0; i < k; i++) m_buf[(m_head + i) & (m_cap - 1)] = data[i];
    m_head += k;
    return k;
}

void PtyQueue::set_packet(bool on) {
    if (on && !m_packet) m_status = 0;
    m_packet = on;
}

void PtyQueue::add_status(u8 bits) {
    if (m_packet) m_status |= bits;
}

usize PtyQueue::read(u8* dst, usize n) {
    if (!n) return 0;
    usize out = 0;
    if (m_packet) {
        if (m_status) {
            dst[0] = m_status;
            m_status = 0;
            return 1;
        }
        if (!size()) return 0;
        dst[out++] = 0;   // TIOCPKT_DATA
    }
    usize k = min(n - out, size());
    for (usize i = 0; i < k; i++) dst[out + i] = m_buf[(m_tail + i) & (m_cap - 1)];
    m_tail += k;
    return out + k;
}

void PtyQueue::reset() {
    m_head = m_tail = 0;
    m_packet = false;
    m_status = 0;
}

}  // namespace tty
