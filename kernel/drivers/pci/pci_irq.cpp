// SPDX-License-Identifier: MIT
// Device interrupts: MSI-X (each table entry gets its own vector) and legacy INTx.
// linux: drivers/pci/msi/msi.c (behaviour only).
#include "abi/linux/pci_abi.h"
#include "arch/pci.h"
#include "drivers/pci/pci.h"

namespace {

struct MsixTable {
    volatile u32* entries = nullptr;
    unsigned count = 0;
};

// The table lives in a BAR at an offset the capability gives (BIR in the low 3 bits).
MsixTable msix_table(const PciDevice& d) {
    u8 cap = d.find_capability(PCI_CAP_ID_MSIX);
    if (!cap) return {};
    u32 table = d.read32(cap + PCI_MSIX_TABLE);
    unsigned bir = table & PCI_MSIX_TABLE_BIR;
    unsigned count = (d.read16(cap + PCI_MSIX_FLAGS) & PCI_MSIX_FLAGS_QSIZE) + 1;
    if (bir >= 6 || !d.bars[bir].address || d.bars[bir].io) return {};
    u64 phys = d.bars[bir].address + (table & PCI_MSIX_TABLE_OFFSET);
    auto* p = static_cast<volatile u32*>(arch::pci_map_registers(phys, count * PCI_MSIX_ENTRY_SIZE));
    return {p, count};
}

}  // namespace

unsigned pci_msix_count(const PciDevice& d) {
    u8 cap = d.find_capability(PCI_CAP_ID_MSIX);
    return cap ? (d.read16(cap + PCI_MSIX_FLAGS) & PCI_MSIX_FLAGS_QSIZE) + 1u : 0u;
}

Result<void> pci_msix_set(PciDevice& d, unsigned entry, arch::IrqHandler handler, void* ctx) {
    // Mapped per call: drivers set one or two entries, once, at probe.
    MsixTable t = msix_table(d);
    if (!t.entries || entry >= t.count) return Error(ENODEV);
    arch::MsiMessage msg = TRY(arch::msi_allocate(handler, ctx));
    volatile u32* e = t.entries + entry * (PCI_MSIX_ENTRY_SIZE / 4);
    e[PCI_MSIX_ENTRY_LOWER_ADDR / 4] = static_cast<u32>(msg.address);
    e[PCI_MSIX_ENTRY_UPPER_ADDR / 4] = static_cast<u32>(msg.address >> 32);
    e[PCI_MSIX_ENTRY_DATA / 4] = msg.data;
    e[PCI_MSIX_ENTRY_VECTOR_CTRL / 4] = 0;   // unmasked
    return {};
}

void pci_msix_enable(PciDevice& d) {
    u8 cap = d.find_capability(PCI_CAP_ID_MSIX);
    if (!cap) return;
    u16 flags = d.read16(cap + PCI_MSIX_FLAGS);
    d.write16(cap + PCI_MSIX_FLAGS, static_cast<u16>((flags | PCI_MSIX_FLAGS_ENABLE) & ~PCI_MSIX_FLAGS_MASKALL));
    // With MSI-X on, the function must not also raise INTx.
    d.write16(PCI_COMMAND, d.read16(PCI_COMMAND) | PCI_COMMAND_INTX_DISABLE);
}

Result<void> pci_intx_enable(PciDevice& d, arch::IrqHandler handler, void* ctx) {
    if (!d.irq_pin) return Error(ENODEV);
    TRY(arch::pci_intx_register(d.irq_line, handler, ctx));
    d.write16(PCI_COMMAND, d.read16(PCI_COMMAND) & ~PCI_COMMAND_INTX_DISABLE);
    return {};
}
