// SPDX-License-Identifier: MIT
// virtio-net over the modern PCI transport (see virtio_net.h). linux: drivers/net/virtio_net.c
// (behaviour only: naming, what is negotiated).
//
// Buffers are half pages, so a buffer never crosses a page and is one descriptor: a header and a
// frame of up to 1514 bytes fit. The interrupt only kicks the network thread; the rings are
// touched only under inet_lock() (transmit from the stack, receive from the thread's poll), so
// they need no lock of their own.
#include "drivers/net/virtio_net.h"

#include <new>

#include "abi/linux/inet_uapi.h"
#include "abi/linux/virtio_abi.h"
#include "arch/paging.h"
#include "core/cmdline.h"
#include "core/init.h"
#include "core/log.h"
#include "drivers/virtio/virtio_pci.h"
#include "drivers/virtio/virtqueue.h"
#include "mm/pmm.h"
#include "net/inet/arp.h"
#include "net/inet/link_wire.h"
#include "net/inet/netdev.h"

namespace {

constexpr u16 kRxQueue = 0, kTxQueue = 1;
constexpr u16 kMaxQueueSize = 256;
constexpr u32 kBufSize = 2048;
constexpr u32 kHdrLen = sizeof(virtio_net_hdr_v1);
constexpr u32 kMaxFrame = 1514;   // an MTU of 1500 plus the Ethernet header
constexpr unsigned kMaxNics = 4;

// Fault injection for the tests: with netdrop=N on the command line one frame in N, received or
// sent, is thrown away, so TCP's retransmission is exercised on a link that, under QEMU's user
// network, otherwise never loses anything. The choice is pseudo-random from a fixed seed, not every
// Nth frame: a periodic loss locks into step with the peer's slow start.
u32 g_drop_every = 0;

bool drop_now(u64& state) {
    if (!g_drop_every) return false;
    state ^= state << 13;   // xorshift64
    state ^= state >> 7;
    state ^= state << 17;
    return state % g_drop_every == 0;
}

struct Queue {
    SplitVirtqueue vq;
    void* cookies[kMaxQueueSize] = {};
    u64 ring_phys = 0;
    u8* bufs = nullptr;   // size() buffers of kBufSize, in pages of their own
    u64 bufs_phys[kMaxQueueSize / 2] = {};
    u8* buf(u16 i) const { return bufs + usize(i) * kBufSize; }
    u64 phys(u16 i) const { return bufs_phys[i / 2] + (i % 2) * kBufSize; }
};

class VirtioNet {
public:
    Result<void> probe(PciDevice& pci, unsigned index);
    void interrupt();
    void poll();
    void xmit(Packet* p);
    NetDevice& dev() { return m_dev; }
    bool uses_intx() const { return m_intx; }

private:
    Result<void> setup_queue(u16 index, Queue& q);
    void post_rx(u16 slot);
    void reclaim_tx();

    VirtioPciTransport m_transport;
    Queue m_rx, m_tx;
    u16 m_tx_free[kMaxQueueSize] = {};   // free transmit buffer slots (a stack)
    u16 m_tx_free_count = 0;
    bool m_intx = false;
    u64 m_rx_seen = 0x9e3779b97f4a7c15, m_tx_seen = 0x2545f4914f6cdd1d;   // netdrop='s generators
    char m_name[8] = {};
    NetDevice m_dev{"", 0, kIffBroadcast | kIffMulticast, 1500, false, 0, 0, false, {}, nullptr};
};

void virtio_net_irq(void* ctx) { static_cast<VirtioNet*>(ctx)->interrupt(); }
void net_xmit(NetDevice& d, Packet* p) { static_cast<VirtioNet*>(d.driver)->xmit(p); }
void net_poll(NetDevice& d) { static_cast<VirtioNet*>(d.driver)->poll(); }

void VirtioNet::interrupt() {
    // INTx is level-triggered: reading the ISR status lowers our line (see virtio_blk).
    if (m_intx) m_transport.isr_status();
    netdev_rx_kick();
}

Result<void> VirtioNet::setup_queue(u16 index, Queue& q) {
    u16 size = TRY(m_transport.queue_size(index, kMaxQueueSize));
    usize bytes = SplitVirtqueue::ring_bytes(size);
    unsigned order = 0;
    while ((kPageSize << order) < bytes) order++;
    PhysAddr ring = TRY(pmm_alloc_zeroed(order));
    q.ring_phys = ring.value;
    q.vq.init(size, arch::phys_to_virt(ring), q.cookies);
    // Each page holds two buffers.
    usize pages = (usize(size) + 1) / 2;
    unsigned border = 0;
    while ((usize(1) << border) < pages) border++;
    PhysAddr block = TRY(pmm_alloc_zeroed(border));   // contiguous: one virtual range for all
    q.bufs = static_cast<u8*>(arch::phys_to_virt(block));
    for (usize i = 0; i < pages; i++) q.bufs_phys[i] = block.value + i * kPageSize;
    return {};
}

void VirtioNet::post_rx(u16 slot) {
    SplitVirtqueue::Segment seg{m_rx.phys(slot), kBufSize, true};
    m_rx.vq.add(&seg, 1, reinterpret_cast<void*>(uptr(slot) + 1));
}

void VirtioNet::reclaim_tx() {
    void* cookie;
    u32 written;
    while (m_tx.vq.pop_used(&cookie, &written))
        if (cookie) m_tx_free[m_tx_free_count++] = static_cast<u16>(reinterpret_cast<uptr>(cookie) - 1);
}

void VirtioNet::xmit(Packet* p) {
    reclaim_tx();
    if (p->len > kMaxFrame || !m_tx_free_count || drop_now(m_tx_seen)) {
        // Dropped as a full queue drops it: TCP retransmits, ARP asks again.
        m_dev.tx_dropped++;
        return packet_free(p);
    }
    u16 slot = m_tx_free[--m_tx_free_count];
    u8* b = m_tx.buf(slot);
    __builtin_memset(b, 0, kHdrLen);
    __builtin_memcpy(b + kHdrLen, p->data(), p->len);
    SplitVirtqueue::Segment seg{m_tx.phys(slot), kHdrLen + p->len, false};
    m_tx.vq.add(&seg, 1, reinterpret_cast<void*>(uptr(slot) + 1));
    if (!m_tx.vq.notify_suppressed()) m_transport.notify(kTxQueue);
    m_dev.tx_packets++;
    m_dev.tx_bytes += p->len;
    packet_free(p);
}

void VirtioNet::poll() {
    reclaim_tx();
    void* cookie;
    u32 written;
    bool reposted = false;
    while (m_rx.vq.pop_used(&cookie, &written)) {
        if (!cookie) continue;
        u16 slot = static_cast<u16>(reinterpret_cast<uptr>(cookie) - 1);
        // The device says how much it wrote; never trust it past the buffer.
        if (written > kHdrLen && written <= kBufSize && !drop_now(m_rx_seen)) {
            u32 len = written - kHdrLen;
            Packet* p = packet_alloc(0, len);
            if (p) {
                __builtin_memcpy(p->data(), m_rx.buf(slot) + kHdrLen, len);
                m_dev.rx_packets++;
                m_dev.rx_bytes += len;
                eth_input(m_dev, p);
            } else {
                m_dev.rx_dropped++;
            }
        }
        post_rx(slot);
        reposted = true;
    }
    if (reposted && !m_rx.vq.notify_suppressed()) m_transport.notify(kRxQueue);
}

Result<void> VirtioNet::probe(PciDevice& pci, unsigned index) {
    TRY(m_transport.init(pci));
    auto accepted = m_transport.negotiate(1ull << VIRTIO_NET_F_MAC);
    if (accepted.is_error()) {
        m_transport.fail();
        return Error(accepted.error_code());
    }
    if (accepted.value() & (1ull << VIRTIO_NET_F_MAC)) {
        m_transport.read_device_config(offsetof(virtio_net_config, mac), m_dev.hw_addr, 6);
    } else {
        // linux: eth_hw_addr_random(): a locally administered unicast address.
        static const u8 fallback[6] = {0x02, 0x00, 0x00, 0x00, 0x00, 0x00};
        __builtin_memcpy(m_dev.hw_addr, fallback, 6);
        m_dev.hw_addr[5] = static_cast<u8>(index + 1);
    }
    auto ok = setup_queue(kRxQueue, m_rx);
    if (ok.is_ok()) ok = setup_queue(kTxQueue, m_tx);
    if (ok.is_error()) {
        m_transport.fail();
        return ok;
    }
    for (u16 i = 0; i < m_tx.vq.size(); i++) m_tx_free[m_tx_free_count++] = i;

    // One MSI-X entry for both queues when the function has MSI-X, the shared INTx line otherwise.
    u16 entry = VIRTIO_MSI_NO_VECTOR;
    if (pci_msix_count(pci) >= 1 && pci_msix_set(pci, 0, virtio_net_irq, this).is_ok()) {
        entry = 0;
        pci_msix_enable(pci);
    } else {
        TRY(pci_intx_enable(pci, virtio_net_irq, this));
        m_intx = true;
    }
    auto enabled = m_transport.queue_enable(kRxQueue, m_rx.vq.size(), m_rx.ring_phys, entry);
    if (enabled.is_ok()) enabled = m_transport.queue_enable(kTxQueue, m_tx.vq.size(), m_tx.ring_phys, entry);
    if (enabled.is_error()) {
        m_transport.fail();
        return enabled;
    }
    // linux: the receive ring is filled before DRIVER_OK, so the first frame finds room.
    for (u16 i = 0; i < m_rx.vq.size(); i++) post_rx(i);
    m_transport.driver_ok();
    m_transport.notify(kRxQueue);

    m_name[0] = 'e';
    m_name[1] = 't';
    m_name[2] = 'h';
    m_name[3] = static_cast<char>('0' + index);
    m_dev.name = m_name;
    m_dev.hw_type = kArphrdEther;
    m_dev.xmit = net_xmit;
    m_dev.poll = net_poll;
    m_dev.driver = this;
    return {};
}

unsigned g_nic_count;

Result<void> probe_pci(PciDevice& pci) {
    if (g_nic_count == kMaxNics) return Error(ENOSPC);
    auto* n = new (std::nothrow) VirtioNet;
    if (!n) return Error(ENOMEM);
    // A device that failed its probe is kept, not freed: its interrupt vector may already name it.
    TRY(n->probe(pci, g_nic_count));
    g_nic_count++;
    TRY(netdev_register(n->dev()));
    const u8* m = n->dev().hw_addr;
    log_info("%s: virtio-net, MAC %02x:%02x:%02x:%02x:%02x:%02x, %s interrupts", n->dev().name, m[0], m[1], m[2], m[3],
             m[4], m[5], n->uses_intx() ? "INTx" : "MSI-X");
    return {};
}

bool match_pci(const PciDevice& d) {
    // 0x1041: the modern id; 0x1000: the transitional one QEMU uses by default.
    return d.vendor == 0x1AF4 && (d.device == 0x1040 + VIRTIO_ID_NET || d.device == 0x1000);
}

constinit PciDriver g_driver{"virtio-net", match_pci, probe_pci};

}  // namespace

void virtio_net_register() {
    i64 drop = kernel_cmdline().get_int("netdrop", 0);
    g_drop_every = drop > 0 && drop < 0x10000 ? static_cast<u32>(drop) : 0;
    if (g_drop_every) log_warn("virtio-net: dropping one frame in %u each way (netdrop=)", g_drop_every);
    pci_register_driver(g_driver);
}
