// SPDX-License-Identifier: MIT
// The PCI bus: enumeration of every function's configuration space at boot, decoded BARs, the
// capability list, MSI-X set-up and INTx routing. Drivers register a PciDriver (a match on
// vendor/device ids and a probe) before pci_init() walks the bus, or call pci_for_each later.
// linux: drivers/pci/probe.c, drivers/pci/msi/ (behaviour only).
#pragma once

#include "arch/interrupts.h"
#include "lib/result.h"
#include "lib/types.h"

struct PciBar {
    u64 address = 0;   // bus address (memory) or port (I/O); 0 when absent
    u64 size = 0;
    bool io = false;
    bool is64 = false;
    bool prefetchable = false;
};

struct PciDevice {
    u8 bus, dev, fn;
    u16 vendor, device;
    u16 subsystem_vendor, subsystem_device;
    u8 class_code, subclass, prog_if, revision;
    u8 irq_line, irq_pin;   // as the firmware set them (pin 0: no INTx)
    PciBar bars[6];

    u32 read32(u16 offset) const;
    u16 read16(u16 offset) const;
    u8 read8(u16 offset) const;
    void write32(u16 offset, u32 value) const;
    void write16(u16 offset, u16 value) const;
    void write8(u16 offset, u8 value) const;

    // Offset of the first (next after `after`) capability with the given id; 0 when none.
    u8 find_capability(u8 id, u8 after = 0) const;
    // Turns on memory and I/O decoding and bus mastering (DMA).
    void enable();
    // Maps bars[index] (memory BARs only); null when absent or an I/O BAR.
    volatile u8* map_bar(unsigned index) const;
};

// MSI-X: number of table entries, or 0 when the function has no MSI-X capability.
unsigned pci_msix_count(const PciDevice& d);
// Points MSI-X entry `entry` at handler (a fresh vector) and unmasks it. Call pci_msix_enable
// once every entry the driver uses is set.
Result<void> pci_msix_set(PciDevice& d, unsigned entry, arch::IrqHandler handler, void* ctx);
void pci_msix_enable(PciDevice& d);
// Legacy INTx on the line the firmware assigned (shared: the handler must check its device).
Result<void> pci_intx_enable(PciDevice& d, arch::IrqHandler handler, void* ctx);

struct PciDriver {
    const char* name;
    bool (*match)(const PciDevice& d);
    Result<void> (*probe)(PciDevice& d);
};

// Boot: enumerates every bus and function, logs them, then offers each to the drivers.
void pci_init();
void pci_register_driver(const PciDriver& drv);
usize pci_device_count();
PciDevice* pci_device(usize index);
