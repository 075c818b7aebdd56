// SPDX-License-Identifier: MIT
// Bus enumeration, BAR decoding and driver matching. Every bus number is scanned (a few
// thousand configuration reads, done once at boot) rather than following bridges, so a
// firmware that numbered buses oddly still shows everything.
#include "drivers/pci/pci.h"

#include "abi/linux/pci_abi.h"
#include "arch/pci.h"
#include "core/log.h"

namespace {

// QEMU's pc machine has a handful of functions; a big server board a few hundred at most.
constexpr usize kMaxDevices = 128;
constexpr usize kMaxDrivers = 8;

PciDevice g_devices[kMaxDevices];
usize g_device_count;
const PciDriver* g_drivers[kMaxDrivers];
usize g_driver_count;

// Size of a BAR: write all ones, read what sticks, restore. Decoding is off meanwhile so the
// device never answers at the probe address.
u64 probe_bar(PciDevice& d, unsigned i, PciBar& bar) {
    u16 off = static_cast<u16>(PCI_BASE_ADDRESS_0 + 4 * i);
    u32 orig = d.read32(off);
    d.write32(off, ~0u);
    u32 mask = d.read32(off);
    d.write32(off, orig);
    if (orig & PCI_BASE_ADDRESS_SPACE_IO) {
        bar.io = true;
        bar.address = orig & PCI_BASE_ADDRESS_IO_MASK;
        u32 m = mask & PCI_BASE_ADDRESS_IO_MASK & 0xFFFF;
        bar.size = m ? (~m + 1) & 0xFFFF : 0;
        return 1;
    }
    bar.prefetchable = orig & PCI_BASE_ADDRESS_MEM_PREFETCH;
    u64 addr = orig & PCI_BASE_ADDRESS_MEM_MASK;
    u64 m = mask & PCI_BASE_ADDRESS_MEM_MASK;
    unsigned used = 1;
    if ((orig & PCI_BASE_ADDRESS_MEM_TYPE_MASK) == PCI_BASE_ADDRESS_MEM_TYPE_64 && i < 5) {
        u16 hi_off = static_cast<u16>(off + 4);
        u32 hi = d.read32(hi_off);
        d.write32(hi_off, ~0u);
        u32 hi_mask = d.read32(hi_off);
        d.write32(hi_off, hi);
        addr |= u64(hi) << 32;
        m |= u64(hi_mask) << 32;
        bar.is64 = true;
        used = 2;
    } else {
        m |= 0xFFFFFFFF00000000ull;
    }
    bar.address = addr;
    bar.size = (m & ~0xFull) ? ~(m & ~0xFull) + 1 : 0;
    return used;
}

void read_function(u8 bus, u8 dev, u8 fn, u32 id) {
    if (g_device_count == kMaxDevices) {
        log_warn("pci: more than %zu functions; %02x:%02x.%u ignored", kMaxDevices, bus, dev, fn);
        return;
    }
    PciDevice& d = g_devices[g_device_count];
    d = PciDevice{};
    d.bus = bus;
    d.dev = dev;
    d.fn = fn;
    d.vendor = static_cast<u16>(id);
    d.device = static_cast<u16>(id >> 16);
    u32 cls = d.read32(PCI_CLASS_REVISION);
    d.revision = static_cast<u8>(cls);
    d.prog_if = static_cast<u8>(cls >> 8);
    d.subclass = static_cast<u8>(cls >> 16);
    d.class_code = static_cast<u8>(cls >> 24);
    d.irq_line = d.read8(PCI_INTERRUPT_LINE);
    d.irq_pin = d.read8(PCI_INTERRUPT_PIN);
    u8 type = d.read8(PCI_HEADER_TYPE) & 0x7F;
    if (type == PCI_HEADER_TYPE_NORMAL) {
        u32 sub = d.read32(PCI_SUBSYSTEM_VENDOR_ID);
        d.subsystem_vendor = static_cast<u16>(sub);
        d.subsystem_device = static_cast<u16>(sub >> 16);
        u16 cmd = d.read16(PCI_COMMAND);
        d.write16(PCI_COMMAND, cmd & ~(PCI_COMMAND_MEMORY | PCI_COMMAND_IO));
        for (unsigned i = 0; i < 6;) i += probe_bar(d, i, d.bars[i]);
        d.write16(PCI_COMMAND, cmd);
    }
    log_info("pci: %02x:%02x.%u %04x:%04x class %02x%02x%02x irq %u pin %u", bus, dev, fn, d.vendor, d.device,
             d.class_code, d.subclass, d.prog_if, d.irq_line, d.irq_pin);
    g_device_count++;
}

void scan() {
    for (unsigned bus = 0; bus < 256; bus++) {
        for (u8 dev = 0; dev < 32; dev++) {
            u32 id = arch::pci_config_read32(static_cast<u8>(bus), dev, 0, PCI_VENDOR_ID);
            if ((id & 0xFFFF) == 0xFFFF) continue;
            u8 header = static_cast<u8>(arch::pci_config_read32(static_cast<u8>(bus), dev, 0, PCI_CACHE_LINE_SIZE) >> 16);
            unsigned fns = (header & 0x80) ? 8 : 1;
            for (u8 fn = 0; fn < fns; fn++) {
                u32 fid = fn ? arch::pci_config_read32(static_cast<u8>(bus), dev, fn, PCI_VENDOR_ID) : id;
                if ((fid & 0xFFFF) != 0xFFFF) read_function(static_cast<u8>(bus), dev, fn, fid);
            }
        }
    }
}

}  // namespace

void pci_register_driver(const PciDriver& drv) {
    if (g_driver_count < kMaxDrivers) g_drivers[g_driver_count++] = &drv;
}

usize pci_device_count() { return g_device_count; }
PciDevice* pci_device(usize index) { return index < g_device_count ? &g_devices[index] : nullptr; }

void pci_init() {
    scan();
    for (usize i = 0; i < g_device_count; i++) {
        PciDevice& d = g_devices[i];
        for (usize k = 0; k < g_driver_count; k++) {
            if (!g_drivers[k]->match(d)) continue;
            auto r = g_drivers[k]->probe(d);
            if (r.is_error())
                log_warn("pci: %s: %02x:%02x.%u not usable (errno %d)", g_drivers[k]->name, d.bus, d.dev, d.fn,
                         r.error_code());
            break;
        }
    }
}
