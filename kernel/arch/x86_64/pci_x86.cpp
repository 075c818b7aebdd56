// SPDX-License-Identifier: MIT
// PCI on x86: configuration mechanism #1 (ports 0xCF8/0xCFC), MSI messages aimed at the boot
// CPU's local APIC, and INTx lines routed through the IOAPIC.
#include "arch/pci.h"

#include "arch/x86_64/apic.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/platform.h"
#include "arch/x86_64/traps.h"
#include "sync/spinlock.h"

namespace {

constexpr u16 kConfigAddress = 0xCF8;
constexpr u16 kConfigData = 0xCFC;
// Vectors 0x40..0xEF are free for MSI (0x20 timer, 0x30..0x3F ISA IRQs, 0xFF spurious).
constexpr unsigned kMsiFirstVector = 0x40;
constexpr unsigned kMsiLastVector = 0xEF;
// [intel/vol3] 11.11.1: the message address names the destination APIC ID in bits 19:12.
constexpr u64 kMsiAddressBase = 0xFEE00000;

// The address/data port pair is one shared register: each access is address write + data access.
constinit Spinlock g_config_lock(LockRank::None, "pci-config");
constinit Spinlock g_vector_lock(LockRank::None, "msi-vectors");
unsigned g_next_vector = kMsiFirstVector;

u32 config_address(u8 bus, u8 dev, u8 fn, u16 offset) {
    return (1u << 31) | (u32(bus) << 16) | (u32(dev & 31) << 11) | (u32(fn & 7) << 8) | (offset & 0xFC);
}

// INTx lines are shared (several functions on one PIRQ link): each line's vector calls every
// handler registered for it, and each handler checks its own device's interrupt status.
constexpr unsigned kMaxIntxHandlers = 8;
struct IntxHandler {
    u8 line;
    arch::IrqHandler fn;
    void* ctx;
};
IntxHandler g_intx[kMaxIntxHandlers];
unsigned g_intx_count;

void intx_dispatch(void* ctx) {
    u8 line = static_cast<u8>(reinterpret_cast<uptr>(ctx));
    for (unsigned i = 0; i < g_intx_count; i++)
        if (g_intx[i].line == line) g_intx[i].fn(g_intx[i].ctx);
}

}  // namespace

namespace arch {

u32 pci_config_read32(u8 bus, u8 dev, u8 fn, u16 offset) {
    SpinlockGuard g(g_config_lock);
    x86::outl(kConfigAddress, config_address(bus, dev, fn, offset));
    return x86::inl(kConfigData);
}

void pci_config_write32(u8 bus, u8 dev, u8 fn, u16 offset, u32 value) {
    SpinlockGuard g(g_config_lock);
    x86::outl(kConfigAddress, config_address(bus, dev, fn, offset));
    x86::outl(kConfigData, value);
}

volatile void* pci_map_registers(u64 phys, usize size) { return mmio_map(phys, size); }

Result<MsiMessage> msi_allocate(IrqHandler handler, void* ctx) {
    unsigned vector;
    {
        SpinlockGuard g(g_vector_lock);
        for (;;) {
            if (g_next_vector > kMsiLastVector) return Error(ENOSPC);
            vector = g_next_vector++;
            if (irq_set_vector_handler(vector, handler, ctx)) break;
        }
    }
    // Edge-triggered, fixed delivery, physical destination: the boot CPU.
    return MsiMessage{kMsiAddressBase | (u64(lapic_id()) << 12), vector};
}

Result<void> pci_intx_register(u8 line, IrqHandler handler, void* ctx) {
    if (line >= 16) return Error(EINVAL);   // 0xFF: no line assigned
    SpinlockGuard g(g_vector_lock);
    if (g_intx_count == kMaxIntxHandlers) return Error(ENOSPC);
    bool first = true;
    for (unsigned i = 0; i < g_intx_count; i++)
        if (g_intx[i].line == line) first = false;
    g_intx[g_intx_count++] = {line, handler, ctx};
    if (!first) return {};
    // PCI interrupts are level-triggered; QEMU's MADT overrides give their polarity.
    u32 gsi = line;
    u16 flags = (3u << 2) | 3u;   // level, active low: the PCI default without an override
    const AcpiInfo& acpi = platform_acpi();
    for (u32 i = 0; i < acpi.override_count; i++) {
        if (acpi.overrides[i].source_irq == line) {
            gsi = acpi.overrides[i].gsi;
            flags = acpi.overrides[i].flags;
        }
    }
    unsigned vector = kIsaVectorBase + line;
    if (!irq_set_vector_handler(vector, intx_dispatch, reinterpret_cast<void*>(uptr(line)))) return Error(EBUSY);
    if (!ioapic_route(gsi, static_cast<u8>(vector), flags)) return Error(ENODEV);
    return {};
}

}  // namespace arch
