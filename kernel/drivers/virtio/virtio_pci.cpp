// SPDX-License-Identifier: MIT
// virtio 1.x over PCI (virtio 1.x, 4.1.3 and 3.1.1 for the initialisation order).
#include "drivers/virtio/virtio_pci.h"

#include <stddef.h>

#include "abi/linux/pci_abi.h"
#include "abi/linux/virtio_abi.h"
#include "drivers/virtio/virtqueue.h"

namespace {

constexpr u16 kVendorVirtio = 0x1AF4;
constexpr unsigned kResetPolls = 1'000'000;

template <typename T>
T rd(volatile u8* base, usize off) {
    return *reinterpret_cast<volatile T*>(base + off);
}
template <typename T>
void wr(volatile u8* base, usize off, T v) {
    *reinterpret_cast<volatile T*>(base + off) = v;
}

#define COMMON(field) offsetof(virtio_pci_common_cfg, field)

}  // namespace

Result<VirtioPciTransport::Region> VirtioPciTransport::map_cap(u8 cap) {
    u8 bar = m_pci->read8(cap + VIRTIO_PCI_CAP_BAR);
    u32 offset = m_pci->read32(cap + VIRTIO_PCI_CAP_OFFSET);
    u32 length = m_pci->read32(cap + VIRTIO_PCI_CAP_LENGTH);
    if (bar >= 6) return Error(ENODEV);
    const PciBar& b = m_pci->bars[bar];
    if (!b.address || b.io || u64(offset) + length > b.size) return Error(ENODEV);
    // Each BAR is mapped once, whole: the structures usually share one.
    if (!m_bars[bar]) m_bars[bar] = m_pci->map_bar(bar);
    if (!m_bars[bar]) return Error(ENODEV);
    return Region{m_bars[bar] + offset, length};
}

Result<void> VirtioPciTransport::init(PciDevice& pci) {
    m_pci = &pci;
    if (pci.vendor != kVendorVirtio) return Error(ENODEV);
    for (u8 cap = pci.find_capability(PCI_CAP_ID_VNDR); cap; cap = pci.find_capability(PCI_CAP_ID_VNDR, cap)) {
        u8 type = pci.read8(cap + VIRTIO_PCI_CAP_CFG_TYPE);
        // The first capability of each type is the preferred one (4.1.4).
        Region* slot = type == VIRTIO_PCI_CAP_COMMON_CFG   ? &m_common
                       : type == VIRTIO_PCI_CAP_NOTIFY_CFG ? &m_notify
                       : type == VIRTIO_PCI_CAP_ISR_CFG    ? &m_isr
                       : type == VIRTIO_PCI_CAP_DEVICE_CFG ? &m_device
                                                           : nullptr;
        if (!slot || slot->base) continue;
        auto r = map_cap(cap);
        if (r.is_error()) continue;
        *slot = r.value();
        if (type == VIRTIO_PCI_CAP_NOTIFY_CFG)
            m_notify_multiplier = pci.read32(cap + offsetof(virtio_pci_notify_cap, notify_off_multiplier));
    }
    if (!m_common.base || !m_notify.base || !m_isr.base) return Error(ENODEV);
    if (m_common.length < sizeof(virtio_pci_common_cfg)) return Error(ENODEV);
    pci.enable();

    wr<u8>(m_common.base, COMMON(device_status), 0);
    unsigned polls = 0;
    while (rd<u8>(m_common.base, COMMON(device_status)) != 0) {
        if (++polls == kResetPolls) return Error(EIO);
    }
    set_status(VIRTIO_CONFIG_S_ACKNOWLEDGE);
    set_status(VIRTIO_CONFIG_S_DRIVER);
    return {};
}

void VirtioPciTransport::set_status(u8 bits) {
    u8 s = rd<u8>(m_common.base, COMMON(device_status));
    wr<u8>(m_common.base, COMMON(device_status), static_cast<u8>(s | bits));
}

u64 VirtioPciTransport::device_features() {
    wr<u32>(m_common.base, COMMON(device_feature_select), 0);
    u64 lo = rd<u32>(m_common.base, COMMON(device_feature));
    wr<u32>(m_common.base, COMMON(device_feature_select), 1);
    u64 hi = rd<u32>(m_common.base, COMMON(device_feature));
    return lo | (hi << 32);
}

Result<u64> VirtioPciTransport::negotiate(u64 wanted) {
    u64 offered = device_features();
    if (!(offered & (1ull << VIRTIO_F_VERSION_1))) return Error(ENODEV);
    u64 accepted = (offered & wanted) | (1ull << VIRTIO_F_VERSION_1);
    wr<u32>(m_common.base, COMMON(guest_feature_select), 0);
    wr<u32>(m_common.base, COMMON(guest_feature), static_cast<u32>(accepted));
    wr<u32>(m_common.base, COMMON(guest_feature_select), 1);
    wr<u32>(m_common.base, COMMON(guest_feature), static_cast<u32>(accepted >> 32));
    set_status(VIRTIO_CONFIG_S_FEATURES_OK);
    if (!(rd<u8>(m_common.base, COMMON(device_status)) & VIRTIO_CONFIG_S_FEATURES_OK)) return Error(ENODEV);
    return accepted;
}

Result<u16> VirtioPciTransport::queue_size(u16 index, u16 max_size) {
    if (index >= rd<u16>(m_common.base, COMMON(num_queues))) return Error(ENODEV);
    wr<u16>(m_common.base, COMMON(queue_select), index);
    u16 size = rd<u16>(m_common.base, COMMON(queue_size));
    if (size == 0) return Error(ENODEV);
    // Sizes are powers of two (split rings): the largest one within both limits.
    u16 s = 1;
    while (u32(s) * 2 <= size && u32(s) * 2 <= max_size) s = static_cast<u16>(s * 2);
    return s;
}

Result<void> VirtioPciTransport::queue_enable(u16 index, u16 size, u64 ring_phys, u16 msix_entry) {
    if (index >= kMaxQueues) return Error(ENODEV);
    volatile u8* c = m_common.base;
    wr<u16>(c, COMMON(queue_select), index);
    usize at = usize(rd<u16>(c, COMMON(queue_notify_off))) * m_notify_multiplier;
    if (at + 2 > m_notify.length) return Error(ENODEV);
    m_notify_at[index] = at;
    wr<u16>(c, COMMON(queue_size), size);
    u64 desc = ring_phys;
    u64 avail = ring_phys + SplitVirtqueue::avail_offset(size);
    u64 used = ring_phys + SplitVirtqueue::used_offset(size);
    wr<u32>(c, COMMON(queue_desc_lo), static_cast<u32>(desc));
    wr<u32>(c, COMMON(queue_desc_hi), static_cast<u32>(desc >> 32));
    wr<u32>(c, COMMON(queue_avail_lo), static_cast<u32>(avail));
    wr<u32>(c, COMMON(queue_avail_hi), static_cast<u32>(avail >> 32));
    wr<u32>(c, COMMON(queue_used_lo), static_cast<u32>(used));
    wr<u32>(c, COMMON(queue_used_hi), static_cast<u32>(used >> 32));
    wr<u16>(c, COMMON(queue_msix_vector), msix_entry);
    // The device answers NO_VECTOR when it could not take the entry (4.1.5.1.2).
    if (rd<u16>(c, COMMON(queue_msix_vector)) != msix_entry) return Error(EIO);
    wr<u16>(c, COMMON(queue_enable), 1);
    return {};
}

void VirtioPciTransport::notify(u16 index) {
    if (index < kMaxQueues) wr<u16>(m_notify.base, m_notify_at[index], index);
}

u8 VirtioPciTransport::isr_status() { return rd<u8>(m_isr.base, 0); }
void VirtioPciTransport::driver_ok() { set_status(VIRTIO_CONFIG_S_DRIVER_OK); }
void VirtioPciTransport::fail() { set_status(VIRTIO_CONFIG_S_FAILED); }

void VirtioPciTransport::read_device_config(usize offset, void* dst, usize len) {
    auto* out = static_cast<u8*>(dst);
    if (!m_device.base || offset + len > m_device.length) {
        __builtin_memset(out, 0, len);
        return;
    }
    u8 gen;
    do {
        gen = rd<u8>(m_common.base, COMMON(config_generation));
        for (usize i = 0; i < len; i++) out[i] = rd<u8>(m_device.base, offset + i);
    } while (gen != rd<u8>(m_common.base, COMMON(config_generation)));
}
