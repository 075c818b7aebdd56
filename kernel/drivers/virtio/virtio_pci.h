// SPDX-License-Identifier: MIT
// The virtio 1.x modern PCI transport (virtio 1.x, 4.1): the vendor capabilities that locate the
// common, notify, ISR and device configuration structures in the BARs, device status, feature
// negotiation and queue set-up. Device drivers (virtio-blk) sit on top.
// Legacy (0.9.5, I/O-port) devices are refused: QEMU gives every virtio-pci device the modern
// interface unless told otherwise.
#pragma once

#include "drivers/pci/pci.h"
#include "lib/result.h"

class VirtioPciTransport {
public:
    // Finds and maps the structures, enables the function, resets the device and sets
    // ACKNOWLEDGE and DRIVER. ENODEV when a required capability is missing.
    Result<void> init(PciDevice& pci);
    PciDevice& pci() { return *m_pci; }

    u64 device_features();
    // Accepts the wanted features the device offers (VIRTIO_F_VERSION_1 is required and always
    // taken), sets FEATURES_OK and checks the device kept it. Returns the accepted set.
    Result<u64> negotiate(u64 wanted);

    // Queue `index`: its size (the device's maximum, capped at max_size) to use for the ring.
    Result<u16> queue_size(u16 index, u16 max_size);
    // Tells the device where the ring is (ring_phys: SplitVirtqueue::ring_bytes(size) bytes,
    // laid out as SplitVirtqueue does), which MSI-X entry signals it (or VIRTIO_MSI_NO_VECTOR for
    // INTx), and enables it.
    Result<void> queue_enable(u16 index, u16 size, u64 ring_phys, u16 msix_entry);
    // Thread or interrupt context; the caller serialises per queue.
    void notify(u16 index);
    // With INTx: reads (and so clears) the ISR status; bit 0 = a queue interrupt.
    u8 isr_status();
    void driver_ok();
    void fail();

    // The device-specific configuration, read consistently (retried while config_generation moves).
    void read_device_config(usize offset, void* dst, usize len);

private:
    struct Region {
        volatile u8* base = nullptr;
        u32 length = 0;
    };
    Result<Region> map_cap(u8 cap);
    void set_status(u8 bits);

    PciDevice* m_pci = nullptr;
    Region m_common, m_notify, m_isr, m_device;
    u32 m_notify_multiplier = 0;
    static constexpr u16 kMaxQueues = 4;
    usize m_notify_at[kMaxQueues] = {};   // byte offset of each enabled queue's doorbell
    volatile u8* m_bars[6] = {};
};
