// SPDX-License-Identifier: MIT
// Pure ACPI table parser: finds the RSDP and extracts what early boot needs from the RSDT/XSDT,
// MADT, HPET, FADT and the DSDT's \_S5_ package. It never touches hardware or page tables:
// physical memory is read only through a caller-supplied callback, so it runs unchanged in the
// kernel (over the direct map) and in host unit tests (over table bytes dumped from QEMU).
#pragma once

#include "lib/result.h"
#include "lib/types.h"

/// Copies len bytes at physical address phys into dst; returns false if the range is not readable.
using AcpiPhysReader = bool (*)(void* ctx, u64 phys, void* dst, usize len);

/// A Generic Address Structure, unpacked (the on-disk form is packed and 12 bytes).
struct AcpiGenericAddress {
    u8 space_id;  // kAcpiSpaceSystemMemory, kAcpiSpaceSystemIo, ...
    u8 bit_width;
    u8 bit_offset;
    u8 access_size;
    u64 address;
};

constexpr u8 kAcpiSpaceSystemMemory = 0;
constexpr u8 kAcpiSpaceSystemIo = 1;

constexpr usize kAcpiMaxCpus = 64, kAcpiMaxIoApics = 8, kAcpiMaxOverrides = 24, kAcpiMaxLapicNmis = 8;

/// What the kernel learns from ACPI. Lists that overflow keep their first entries.
struct AcpiInfo {
    char oem_id[7];  // from the RSDP, NUL-terminated
    u8 rsdp_revision;
    bool used_xsdt;

    u64 lapic_base;  // from the MADT (or its 64-bit override, entry type 5)
    bool pcat_compat;  // MADT flag: dual 8259 PICs are present and must be masked

    // Processor LAPIC entries (types 0 and 9) that are enabled or online-capable, in MADT
    // order (firmware lists the BSP first by convention, but check against the running CPU).
    u32 cpu_count;
    u8 cpu_apic_ids[kAcpiMaxCpus];
    u32 cpu_acpi_uids[kAcpiMaxCpus];  // to match LAPIC NMI entries and AML Processor objects
    bool cpu_enabled[kAcpiMaxCpus];  // false: online-capable only (hot-plug slot, not present yet)
    u32 cpus_ignored;  // entries dropped: list full, or an x2APIC ID that does not fit in 8 bits

    struct IoApic {
        u8 id;
        u32 address;
        u32 gsi_base;
    } ioapics[kAcpiMaxIoApics];
    u32 ioapic_count;

    // Interrupt source overrides (type 2): ISA IRQ source_irq is wired to GSI gsi.
    struct Override {
        u8 bus;
        u8 source_irq;
        u32 gsi;
        u16 flags;  // MPS INTI flags: bits 0-1 polarity, bits 2-3 trigger mode
    } overrides[kAcpiMaxOverrides];
    u32 override_count;

    // Local APIC NMI wiring (type 4); acpi_uid 0xFF means every processor.
    struct LapicNmi {
        u8 acpi_uid;
        u16 flags;
        u8 lint;
    } lapic_nmis[kAcpiMaxLapicNmis];
    u32 lapic_nmi_count;

    bool has_hpet;
    u64 hpet_base;

    bool has_fadt;
    u32 pm1a_cnt_port, pm1b_cnt_port;  // 0 when absent
    u32 pm_timer_port;  // 0 when absent
    u16 sci_irq;

    bool has_s5;  // \_S5_ found in the DSDT: write SLP_TYPx | SLP_EN to PM1x_CNT to power off
    u8 s5_slp_typ_a, s5_slp_typ_b;

    bool has_reset;  // FADT RESET_REG_SUP with a non-null RESET_REG
    AcpiGenericAddress reset_reg;
    u8 reset_value;

    u8 century_cmos_index;  // 0: the RTC has no century register
    // An i8042 keyboard controller is at ports 0x60/0x64. IAPC_BOOT_ARCH bit 1 from a FADT of
    // revision >= 2; older FADTs (and no FADT) predate the flag, so we assume a legacy PC, as
    // Linux does.
    bool has_8042;
};

/// Scans the first KiB of the EBDA (segment at phys 0x40E) and then 0xE0000-0xFFFFF for a
/// 16-byte aligned "RSD PTR " with valid checksums. ENOENT when there is none.
Result<u64> acpi_find_rsdp(AcpiPhysReader read, void* ctx);

/// Parses the RSDP at rsdp_phys and the tables it leads to. Every table's signature, length
/// (at most 16 MiB) and checksum is validated and nothing is read past a table's length.
/// A bad or unreadable RSDP, RSDT/XSDT or MADT fails with EINVAL, and a missing MADT with
/// ENOENT. Bad optional tables (HPET, FADT, DSDT) are skipped: their has_ flag stays false.
Result<AcpiInfo> acpi_parse(u64 rsdp_phys, AcpiPhysReader read, void* ctx);
