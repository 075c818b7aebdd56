// SPDX-License-Identifier: MIT
// virtio-blk over the modern PCI transport. One request queue; a request is a chain of a
// header (type, sector), the data pages and a status byte the device writes. The caller sleeps
// on the device's wait queue until the completion interrupt marks its request done.
// linux: drivers/block/virtio_blk.c (behaviour only: naming, device numbers, features).
#include "drivers/virtio/virtio_blk.h"

#include <atomic>

#include "abi/linux/virtio_abi.h"
#include "arch/paging.h"
#include "core/log.h"
#include "core/wait_queue.h"
#include "drivers/block/block_device.h"
#include "drivers/block/block_geometry.h"
#include "drivers/block/block_majors.h"
#include "drivers/block/partition.h"
#include "drivers/virtio/virtio_pci.h"
#include "drivers/virtio/virtqueue.h"
#include "mm/kheap.h"
#include "mm/pmm.h"

namespace {

constexpr u16 kMaxQueueSize = 128;
// Sectors per request: 64 KiB, at most 17 data pages, so a chain is at most 19 descriptors.
constexpr u32 kMaxRequestSectors = 128;
constexpr unsigned kMaxSegments = 2 + kMaxRequestSectors * kSectorSize / kPageSize + 1;
constexpr unsigned kMaxDisks = 26;
// A completion is normally signalled within microseconds; this long without one means the
// interrupt is lost, and the used ring is then polled so the request still completes.
constexpr u64 kInterruptGraceNs = 2'000'000'000;

struct alignas(32) Request {
    virtio_blk_outhdr hdr;
    u8 status;
    std::atomic<bool> done{false};
};

class VirtioBlk final : public BlockDevice {
public:
    Result<void> probe(PciDevice& pci);
    u64 sector_count() const override { return m_capacity; }
    Result<void> read_sectors(u64 sector, u32 count, void* buf) override;
    Result<void> write_sectors(u64 sector, u32 count, const void* buf) override;
    Result<void> flush() override;
    bool read_only() const override { return m_read_only; }
    BlockGeometry geometry() const { return m_geometry; }
    bool uses_intx() const { return m_intx; }

    void complete();   // interrupt context

private:
    Result<void> transfer(u32 type, u64 sector, u32 count, void* buf);
    // Any number of sectors, in requests of at most kMaxRequestSectors; EINVAL past the end.
    Result<void> transfer_range(u32 type, u64 sector, u32 count, u8* p);
    Result<void> submit(Request& req, const SplitVirtqueue::Segment* segs, unsigned n);

    VirtioPciTransport m_transport;
    SplitVirtqueue m_vq;
    void* m_cookies[kMaxQueueSize] = {};
    Spinlock m_lock{LockRank::BlockQueue, "virtio-blk"};
    WaitQueue m_waiters;
    bool m_intx = false;
    bool m_polling_logged = false;
    u64 m_capacity = 0;
    bool m_read_only = false;
    bool m_flush = false;
    BlockGeometry m_geometry{};
    char m_name[8] = {};
};

unsigned g_disk_count;

void virtio_blk_irq(void* ctx) { static_cast<VirtioBlk*>(ctx)->complete(); }

void VirtioBlk::complete() {
    // INTx is level-triggered: reading the ISR status lowers our line. On a shared line the
    // interrupt may be another device's; then the used ring simply has nothing new.
    if (m_intx) m_transport.isr_status();
    bool any = false;
    {
        SpinlockGuard g(m_lock);
        void* cookie;
        u32 written;
        while (m_vq.pop_used(&cookie, &written)) {
            auto* req = static_cast<Request*>(cookie);
            if (req) req->done.store(true, std::memory_order_release);
            any = true;
        }
    }
    if (any) m_waiters.wake_all();
}

Result<void> VirtioBlk::submit(Request& req, const SplitVirtqueue::Segment* segs, unsigned n) {
    // Waits for room in the ring (other requests in flight), then for the completion.
    m_waiters.wait_until([&] {
        SpinlockGuard g(m_lock);
        if (!m_vq.add(segs, n, &req)) return false;
        if (!m_vq.notify_suppressed()) m_transport.notify(0);
        return true;
    });
    for (;;) {
        bool ok = m_waiters.wait_until([&] { return req.done.load(std::memory_order_acquire); },
                                       arch::clock_ns() + kInterruptGraceNs);
        if (ok) break;
        if (!m_polling_logged) {
            m_polling_logged = true;
            log_warn("%s: no completion interrupt within 2 s; polling the ring", name());
        }
        complete();
    }
    if (req.status == VIRTIO_BLK_S_OK) return {};
    return Error(req.status == VIRTIO_BLK_S_UNSUPP ? EOPNOTSUPP : EIO);
}

Result<void> VirtioBlk::transfer(u32 type, u64 sector, u32 count, void* buf) {
    Request req;
    req.hdr.type = type;
    req.hdr.ioprio = 0;
    req.hdr.sector = sector;
    req.status = 0xFF;
    SplitVirtqueue::Segment segs[kMaxSegments];
    unsigned n = 0;
    segs[n++] = {TRY(arch::kernel_translate(reinterpret_cast<uptr>(&req.hdr))).value, sizeof(req.hdr), false};
    // The buffer may be anywhere in the kernel (heap, stack, image): one segment per page.
    uptr p = reinterpret_cast<uptr>(buf);
    usize left = usize(count) * kSectorSize;
    bool device_writes = type == VIRTIO_BLK_T_IN;
    while (left) {
        usize chunk = min(left, usize(kPageSize - p % kPageSize));
        u64 phys = TRY(arch::kernel_translate(p)).value;
        SplitVirtqueue::Segment& prev = segs[n - 1];
        if (n > 1 && prev.addr + prev.len == phys)
            prev.len += static_cast<u32>(chunk);   // physically contiguous: one descriptor
        else
            segs[n++] = {phys, static_cast<u32>(chunk), device_writes};
        p += chunk;
        left -= chunk;
    }
    segs[n++] = {TRY(arch::kernel_translate(reinterpret_cast<uptr>(&req.status))).value, 1, true};
    return submit(req, segs, n);
}

Result<void> VirtioBlk::transfer_range(u32 type, u64 sector, u32 count, u8* p) {
    if (sector > m_capacity || count > m_capacity - sector) return Error(EINVAL);
    while (count) {
        u32 n = min(count, kMaxRequestSectors);
        TRY(transfer(type, sector, n, p));
        sector += n;
        count -= n;
        p += usize(n) * kSectorSize;
    }
    return {};
}

Result<void> VirtioBlk::read_sectors(u64 sector, u32 count, void* buf) {
    return transfer_range(VIRTIO_BLK_T_IN, sector, count, static_cast<u8*>(buf));
}

Result<void> VirtioBlk::write_sectors(u64 sector, u32 count, const void* buf) {
    if (m_read_only) return Error(EROFS);
    // The device only reads the buffer.
    return transfer_range(VIRTIO_BLK_T_OUT, sector, count, static_cast<u8*>(const_cast<void*>(buf)));
}

Result<void> VirtioBlk::flush() {
    // Without VIRTIO_BLK_F_FLUSH the device has no volatile cache: writes are durable on completion.
    if (!m_flush) return {};
    return transfer(VIRTIO_BLK_T_FLUSH, 0, 0, nullptr);
}

Result<void> VirtioBlk::probe(PciDevice& pci) {
    TRY(m_transport.init(pci));
    u64 wanted = (1ull << VIRTIO_BLK_F_RO) | (1ull << VIRTIO_BLK_F_FLUSH) | (1ull << VIRTIO_BLK_F_GEOMETRY);
    auto accepted = m_transport.negotiate(wanted);
    if (accepted.is_error()) {
        m_transport.fail();
        return Error(accepted.error_code());
    }
    m_read_only = accepted.value() & (1ull << VIRTIO_BLK_F_RO);
    m_flush = accepted.value() & (1ull << VIRTIO_BLK_F_FLUSH);
    m_transport.read_device_config(offsetof(virtio_blk_config, capacity), &m_capacity, sizeof(m_capacity));
    // linux: virtblk_getgeo(): the device's geometry, else 64 heads, 32 sectors a track.
    if (accepted.value() & (1ull << VIRTIO_BLK_F_GEOMETRY)) {
        virtio_blk_config::virtio_blk_geometry g;
        m_transport.read_device_config(offsetof(virtio_blk_config, geometry), &g, sizeof(g));
        m_geometry = {g.heads, g.sectors, g.cylinders};
    } else {
        m_geometry = {1 << 6, 1 << 5, static_cast<u16>(m_capacity >> 11)};
    }

    u16 size = TRY(m_transport.queue_size(0, kMaxQueueSize));
    usize bytes = SplitVirtqueue::ring_bytes(size);
    unsigned order = 0;
    while ((kPageSize << order) < bytes) order++;
    PhysAddr ring = TRY(pmm_alloc_zeroed(order));
    m_vq.init(size, arch::phys_to_virt(ring), m_cookies);

    // MSI-X entry 0 for the queue when the function has MSI-X, the shared INTx line otherwise.
    u16 entry = VIRTIO_MSI_NO_VECTOR;
    if (pci_msix_count(pci) >= 1 && pci_msix_set(pci, 0, virtio_blk_irq, this).is_ok()) {
        entry = 0;
        pci_msix_enable(pci);
    } else {
        TRY(pci_intx_enable(pci, virtio_blk_irq, this));
        m_intx = true;
    }
    auto enabled = m_transport.queue_enable(0, size, ring.value, entry);
    if (enabled.is_error()) {
        m_transport.fail();
        return enabled;
    }
    m_transport.driver_ok();
    return {};
}

Result<void> probe_pci(PciDevice& pci) {
    if (g_disk_count == kMaxDisks) return Error(ENOSPC);
    auto* d = new (std::nothrow) VirtioBlk;
    if (!d) return Error(ENOMEM);
    // A device that failed its probe is kept, not freed: its interrupt vector may already name it.
    TRY(d->probe(pci));
    unsigned index = g_disk_count++;
    static char names[kMaxDisks][4];
    names[index][0] = 'v';
    names[index][1] = 'd';
    names[index][2] = static_cast<char>('a' + index);
    TRY(block_register(*d, names[index], make_dev(kVirtblkMajor, index * kVirtblkMinorsPerDisk)));
    block_set_geometry(*d, d->geometry());
    block_partitions_later(*d, kVirtblkMinorsPerDisk);
    log_info("%s: virtio-blk, %llu sectors (%llu MiB)%s, %s interrupts", names[index],
             static_cast<unsigned long long>(d->sector_count()),
             static_cast<unsigned long long>(d->sector_count() >> 11), d->read_only() ? ", read-only" : "",
             d->uses_intx() ? "INTx" : "MSI-X");
    return {};
}

bool match_pci(const PciDevice& d) {
    // 0x1042: the modern (virtio 1.x only) id; 0x1001: the transitional one QEMU uses by default.
    return d.vendor == 0x1AF4 && (d.device == 0x1040 + VIRTIO_ID_BLOCK || d.device == 0x1001);
}

constinit PciDriver g_driver{"virtio-blk", match_pci, probe_pci};

}  // namespace

void virtio_blk_register() {
    blkdev_major_register(kVirtblkMajor, "virtblk");
    pci_register_driver(g_driver);
}
