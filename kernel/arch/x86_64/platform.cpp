// SPDX-License-Identifier: MIT
#include "arch/x86_64/platform.h"

#include "arch/cpu.h"
#include "arch/interrupts.h"
#include "arch/paging.h"
#include "arch/x86_64/apic.h"
#include "arch/x86_64/clock.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/traps.h"
#include "core/log.h"
#include "core/panic.h"
#include "mm/pmm.h"

namespace {

AcpiInfo g_acpi;
bool g_acpi_ok = false;

// ACPI tables live in RAM that the direct map covers; anything else (or beyond it) is refused.
bool read_phys(void*, u64 phys, void* dst, usize len) {
    if (len == 0) return true;
    u64 end;
    if (__builtin_add_overflow(phys, len, &end)) return false;
    for (u64 page = align_down(phys, kPageSize); page < end; page += kPageSize)
        if (arch::kernel_translate(arch::direct_map_base() + page).is_error()) return false;
    __builtin_memcpy(dst, arch::phys_to_virt(PhysAddr(phys)), len);
    return true;
}

}  // namespace

const AcpiInfo& platform_acpi() { return g_acpi; }

void platform_init(u64 rsdp_hint) {
    u64 rsdp = rsdp_hint;
    if (!rsdp) {
        auto found = acpi_find_rsdp(read_phys, nullptr);
        if (found.is_error()) panic("ACPI: no RSDP found (the kernel needs the MADT to find the APICs)");
        rsdp = found.value();
    }
    auto parsed = acpi_parse(rsdp, read_phys, nullptr);
    if (parsed.is_error()) panic("ACPI: tables unusable (errno %d): cannot find the interrupt controllers", parsed.error_code());
    g_acpi = parsed.release_value();
    g_acpi_ok = true;
    log_info("acpi: OEM '%s', %u CPU(s), %u IOAPIC(s), HPET %s, S5 %s, reset %s", g_acpi.oem_id, g_acpi.cpu_count,
             g_acpi.ioapic_count, g_acpi.has_hpet ? "yes" : "no", g_acpi.has_s5 ? "yes" : "no",
             g_acpi.has_reset ? "yes" : "no");

    pic_disable();
    lapic_init(g_acpi.lapic_base);
    for (u32 i = 0; i < g_acpi.ioapic_count; i++)
        ioapic_add(g_acpi.ioapics[i].id, g_acpi.ioapics[i].address, g_acpi.ioapics[i].gsi_base);

    clock_calibrate(g_acpi.has_hpet ? g_acpi.hpet_base : 0);
    lapic_timer_calibrate();
    rtc_init(g_acpi.century_cmos_index);
}

namespace arch {

bool irq_register_isa(unsigned irq, IrqHandler handler, void* ctx) {
    if (irq >= 16) return false;
    u32 gsi = irq;
    u16 flags = 0;
    for (u32 i = 0; i < g_acpi.override_count; i++) {
        if (g_acpi.overrides[i].source_irq == irq) {
            gsi = g_acpi.overrides[i].gsi;
            flags = g_acpi.overrides[i].flags;
        }
    }
    unsigned vector = kIsaVectorBase + irq;
    if (!irq_set_vector_handler(vector, handler, ctx)) return false;
    return ioapic_route(gsi, static_cast<u8>(vector), flags);
}

void power_off() {
    irq_disable();
    if (g_acpi_ok && g_acpi.has_s5 && g_acpi.pm1a_cnt_port) {
        x86::outw(static_cast<u16>(g_acpi.pm1a_cnt_port), static_cast<u16>((g_acpi.s5_slp_typ_a << 10) | (1u << 13)));
        if (g_acpi.pm1b_cnt_port)
            x86::outw(static_cast<u16>(g_acpi.pm1b_cnt_port), static_cast<u16>((g_acpi.s5_slp_typ_b << 10) | (1u << 13)));
    }
    for (int i = 0; i < 1000000; i++) cpu_relax();
    kprintln("power-off failed; halting");
    halt_forever();
}

void reset() {
    irq_disable();
    if (g_acpi_ok && g_acpi.has_reset && g_acpi.reset_reg.space_id == kAcpiSpaceSystemIo)
        x86::outb(static_cast<u16>(g_acpi.reset_reg.address), g_acpi.reset_value);
    x86::outb(0xCF9, 0x02);
    x86::outb(0xCF9, 0x06);   // PCI reset control: hard reset
    x86::outb(0x64, 0xFE);    // 8042 pulse reset line
    // Last resort: a triple fault through an empty IDT.
    struct [[gnu::packed]] { u16 limit; u64 base; } empty{0, 0};
    asm volatile("lidt %0; int3" ::"m"(empty));
    halt_forever();
}

}  // namespace arch
