// SPDX-License-Identifier: MIT
// Configuration-space accessors of one function: narrower accesses are read-modify-write of the
// containing dword (the only access size the x86 port mechanism needs), plus the capability list.
#include "abi/linux/pci_abi.h"
#include "arch/pci.h"
#include "drivers/pci/pci.h"

u32 PciDevice::read32(u16 offset) const { return arch::pci_config_read32(bus, dev, fn, offset & ~3u); }
u16 PciDevice::read16(u16 offset) const { return static_cast<u16>(read32(offset) >> ((offset & 2) * 8)); }
u8 PciDevice::read8(u16 offset) const { return static_cast<u8>(read32(offset) >> ((offset & 3) * 8)); }
void PciDevice::write32(u16 offset, u32 value) const { arch::pci_config_write32(bus, dev, fn, offset & ~3u, value); }

void PciDevice::write16(u16 offset, u16 value) const {
    unsigned shift = (offset & 2) * 8;
    u32 v = read32(offset);
    write32(offset, (v & ~(0xFFFFu << shift)) | (u32(value) << shift));
}

void PciDevice::write8(u16 offset, u8 value) const {
    unsigned shift = (offset & 3) * 8;
    u32 v = read32(offset);
    write32(offset, (v & ~(0xFFu << shift)) | (u32(value) << shift));
}

u8 PciDevice::find_capability(u8 id, u8 after) const {
    if (!(read16(PCI_STATUS) & PCI_STATUS_CAP_LIST)) return 0;
    u8 pos = after ? read8(after + PCI_CAP_LIST_NEXT) : read8(PCI_CAPABILITY_LIST);
    // A malformed list could loop: there is room for at most 48 capabilities in 256 bytes.
    for (int guard = 0; pos >= 0x40 && guard < 48; guard++) {
        pos &= ~3u;
        if (read8(pos + PCI_CAP_LIST_ID) == id) return pos;
        pos = read8(pos + PCI_CAP_LIST_NEXT);
    }
    return 0;
}

void PciDevice::enable() {
    u16 cmd = read16(PCI_COMMAND);
    cmd |= PCI_COMMAND_MEMORY | PCI_COMMAND_IO | PCI_COMMAND_MASTER;
    write16(PCI_COMMAND, cmd);
}

volatile u8* PciDevice::map_bar(unsigned index) const {
    if (index >= 6 || !bars[index].address || bars[index].io) return nullptr;
    return static_cast<volatile u8*>(arch::pci_map_registers(bars[index].address, bars[index].size));
}
