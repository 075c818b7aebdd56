// SPDX-License-Identifier: MIT
// What the PCI bus driver needs from the machine: configuration-space access, device register
// mappings, and interrupt delivery (MSI/MSI-X messages or a legacy INTx line). On x86 the
// configuration space is reached through ports 0xCF8/0xCFC (mechanism #1, which QEMU's pc
// machine provides); MSI messages target the boot CPU's local APIC.
#pragma once

#include "arch/interrupts.h"
#include "lib/result.h"

namespace arch {

// Configuration space of bus:dev.fn, 32-bit aligned offsets below 256.
u32 pci_config_read32(u8 bus, u8 dev, u8 fn, u16 offset);
void pci_config_write32(u8 bus, u8 dev, u8 fn, u16 offset, u32 value);

// Maps device registers (a memory BAR) uncached; boot-time, never unmapped.
volatile void* pci_map_registers(u64 phys, usize size);

// An MSI/MSI-X message: writing data to address raises the interrupt.
struct MsiMessage {
    u64 address;
    u32 data;
};
// Takes a free interrupt vector for handler and returns the message that raises it. ENOSPC when
// every vector is taken.
Result<MsiMessage> msi_allocate(IrqHandler handler, void* ctx);

// Routes a PCI INTx line (the interrupt-line register as the firmware set it; level-triggered,
// active-low) to handler. Lines are shared between devices: handler must check its device.
Result<void> pci_intx_register(u8 line, IrqHandler handler, void* ctx);

}  // namespace arch
