// SPDX-License-Identifier: MIT
// ACPI table parser (see tables.h). Layouts and offsets follow [acpi/6.5] chapter 5; all
// firmware data is untrusted, so every read is bounded by the table's validated length.
#include "drivers/acpi/tables.h"

#include <asm-generic/errno.h>

#include <cstddef>

#include "lib/checked.h"

namespace {

// Real firmware tables are at most a few hundred KiB. A bigger length is corruption, and
// checksumming it would stall boot (or walk into MMIO).
constexpr u32 kMaxTableLength = 16 * 1024 * 1024;

struct [[gnu::packed]] RawRsdp {
    char signature[8];  // "RSD PTR "
    u8 checksum;  // covers the first 20 bytes (the ACPI 1.0 structure)
    char oem_id[6];
    u8 revision;  // 0 for ACPI 1.0, 2 from ACPI 2.0 on
    u32 rsdt_address;
    // ACPI 2.0+
    u32 length;
    u64 xsdt_address;
    u8 extended_checksum;  // covers `length` bytes
    u8 reserved[3];
};
static_assert(sizeof(RawRsdp) == 36);
constexpr usize kRsdpV1Length = 20;

struct [[gnu::packed]] SdtHeader {
    char signature[4];
    u32 length;  // of the whole table, header included
    u8 revision;
    u8 checksum;  // all `length` bytes sum to 0 mod 256
    char oem_id[6];
    char oem_table_id[8];
    u32 oem_revision;
    u32 creator_id;
    u32 creator_revision;
};
static_assert(sizeof(SdtHeader) == 36);

struct [[gnu::packed]] RawGenericAddress {
    u8 space_id, bit_width, bit_offset, access_size;
    u64 address;
};
static_assert(sizeof(RawGenericAddress) == 12);

struct [[gnu::packed]] MadtHeader {
    SdtHeader sdt;
    u32 lapic_address;
    u32 flags;
};
static_assert(sizeof(MadtHeader) == 44);
constexpr u32 kMadtPcatCompat = 1 << 0;

enum MadtType : u8 {
    kMadtLapic = 0,
    kMadtIoApic = 1,
    kMadtOverride = 2,
    kMadtLapicNmi = 4,
    kMadtLapicAddress = 5,
    kMadtX2Apic = 9,
};

struct [[gnu::packed]] MadtLapic {
    u8 type, length, acpi_uid, apic_id;
    u32 flags;
};
static_assert(sizeof(MadtLapic) == 8);

struct [[gnu::packed]] MadtIoApic {
    u8 type, length, id, reserved;
    u32 address, gsi_base;
};
static_assert(sizeof(MadtIoApic) == 12);

struct [[gnu::packed]] MadtOverride {
    u8 type, length, bus, source;
    u32 gsi;
    u16 flags;
};
static_assert(sizeof(MadtOverride) == 10);

struct [[gnu::packed]] MadtLapicNmi {
    u8 type, length, acpi_uid;
    u16 flags;
    u8 lint;
};
static_assert(sizeof(MadtLapicNmi) == 6);

struct [[gnu::packed]] MadtLapicAddress {
    u8 type, length;
    u16 reserved;
    u64 address;
};
static_assert(sizeof(MadtLapicAddress) == 12);

struct [[gnu::packed]] MadtX2Apic {
    u8 type, length;
    u16 reserved;
    u32 x2apic_id, flags, acpi_uid;
};
static_assert(sizeof(MadtX2Apic) == 16);

constexpr u32 kLapicEnabled = 1 << 0, kLapicOnlineCapable = 1 << 1;

struct [[gnu::packed]] HpetTable {
    SdtHeader sdt;
    u32 event_timer_block_id;
    RawGenericAddress base;
    u8 hpet_number;
    u16 min_clock_tick;
    u8 page_protection;
};
static_assert(sizeof(HpetTable) == 56);

// The FADT grew with each ACPI revision; a table shorter than this struct is an older
// revision, and the fields past its length read as zero.
struct [[gnu::packed]] Fadt {
    SdtHeader sdt;
    u32 firmware_ctrl, dsdt;
    u8 reserved0, preferred_pm_profile;
    u16 sci_int;
    u32 smi_cmd;
    u8 acpi_enable, acpi_disable, s4bios_req, pstate_cnt;
    u32 pm1a_evt_blk, pm1b_evt_blk, pm1a_cnt_blk, pm1b_cnt_blk, pm2_cnt_blk, pm_tmr_blk;
    u32 gpe0_blk, gpe1_blk;
    u8 pm1_evt_len, pm1_cnt_len, pm2_cnt_len, pm_tmr_len, gpe0_blk_len, gpe1_blk_len, gpe1_base;
    u8 cst_cnt;
    u16 p_lvl2_lat, p_lvl3_lat, flush_size, flush_stride;
    u8 duty_offset, duty_width, day_alrm, mon_alrm, century;
    u16 iapc_boot_arch;
    u8 reserved1;
    u32 flags;
    // ACPI 1.0 ends here (116 bytes).
    RawGenericAddress reset_reg;
    u8 reset_value;
    u16 arm_boot_arch;
    u8 minor_version;
    u64 x_firmware_ctrl, x_dsdt;
    RawGenericAddress x_pm1a_evt_blk, x_pm1b_evt_blk, x_pm1a_cnt_blk, x_pm1b_cnt_blk;
    RawGenericAddress x_pm2_cnt_blk, x_pm_tmr_blk, x_gpe0_blk, x_gpe1_blk;
    RawGenericAddress sleep_control_reg, sleep_status_reg;
    u64 hypervisor_vendor_id;
};
static_assert(sizeof(Fadt) == 276);
static_assert(offsetof(Fadt, flags) == 112 && offsetof(Fadt, reset_reg) == 116);
static_assert(offsetof(Fadt, x_dsdt) == 140 && offsetof(Fadt, x_pm1a_cnt_blk) == 172);
constexpr usize kFadtV1Length = offsetof(Fadt, reset_reg);
constexpr u32 kFadtResetRegSupported = 1 << 10;
constexpr u16 kBootArch8042 = 1 << 1;

// AML opcodes needed to decode Name(_S5_, Package() {...}). [acpi/6.5] 20.2
enum AmlOp : u8 {
    kAmlZero = 0x00,
    kAmlOne = 0x01,
    kAmlNameOp = 0x08,
    kAmlBytePrefix = 0x0A,
    kAmlWordPrefix = 0x0B,
    kAmlDWordPrefix = 0x0C,
    kAmlPackageOp = 0x12,
    kAmlRootChar = '\\',
};

bool same_chars(const char* a, const char* b, usize n) {
    for (usize i = 0; i < n; i++)
        if (a[i] != b[i]) return false;
    return true;
}

// A table whose header has been checked: every read is bounded by its declared length.
class Table {
public:
    Table(AcpiPhysReader reader, void* ctx, u64 phys, u32 length)
        : m_read(reader), m_ctx(ctx), m_phys(phys), m_length(length) {}

    u32 length() const { return m_length; }

    // Copies [off, off + n) of the table into dst; false if that leaves the table or is unreadable.
    bool read(usize off, void* dst, usize n) const {
        usize end;
        u64 phys;
        if (!checked_add(off, n, end) || end > m_length || !checked_add(m_phys, u64(off), phys))
            return false;
        return m_read(m_ctx, phys, dst, n);
    }

private:
    AcpiPhysReader m_read;
    void* m_ctx;
    u64 m_phys;
    u32 m_length;
};

// Byte-at-a-time access for checksums and the AML scan. It refills a chunk at a time, so a
// large DSDT costs length/256 reader calls rather than one per byte.
class ByteWindow {
public:
    explicit ByteWindow(const Table& table) : m_table(table) {}

    // The byte at off, or -1 when off is past the table or unreadable.
    int at(usize off) {
        if (off < m_start || off - m_start >= m_fill) {
            if (off >= m_table.length()) return -1;
            usize n = min<usize>(sizeof(m_buf), m_table.length() - off);
            if (!m_table.read(off, m_buf, n)) return -1;
            m_start = off;
            m_fill = n;
        }
        return m_buf[off - m_start];
    }

private:
    const Table& m_table;
    u8 m_buf[256];
    usize m_start = 0, m_fill = 0;
};

bool checksum_ok(const Table& table) {
    ByteWindow bytes(table);
    u8 sum = 0;
    for (usize i = 0; i < table.length(); i++) {
        int b = bytes.at(i);
        if (b < 0) return false;
        sum = u8(sum + b);
    }
    return sum == 0;
}

Result<Table> open_table(AcpiPhysReader read, void* ctx, u64 phys, const char* signature,
                         usize min_length) {
    SdtHeader header;
    u64 end;
    if (phys == 0 || !read(ctx, phys, &header, sizeof(header))) return Error(EINVAL);
    if (!same_chars(header.signature, signature, 4)) return Error(EINVAL);
    if (header.length < min_length || header.length > kMaxTableLength ||
        !checked_add(phys, u64(header.length), end))
        return Error(EINVAL);
    Table table(read, ctx, phys, header.length);
    if (!checksum_ok(table)) return Error(EINVAL);
    return table;
}

// Signature, the ACPI 1.0 checksum and, from revision 2, the length and extended checksum.
Result<RawRsdp> read_rsdp(u64 phys, AcpiPhysReader read, void* ctx) {
    RawRsdp rsdp{};
    if (!read(ctx, phys, &rsdp, kRsdpV1Length) || !same_chars(rsdp.signature, "RSD PTR ", 8) ||
        !checksum_ok(Table(read, ctx, phys, kRsdpV1Length)))
        return Error(EINVAL);
    if (rsdp.revision >= 2) {
        if (!read(ctx, phys, &rsdp, sizeof(rsdp))) return Error(EINVAL);
        if (rsdp.length < sizeof(rsdp) || rsdp.length > kPageSize ||
            !checksum_ok(Table(read, ctx, phys, rsdp.length)))
            return Error(EINVAL);
    }
    return rsdp;
}

// The first 16-byte aligned valid RSDP in [base, base + len), or 0.
u64 scan_for_rsdp(AcpiPhysReader read, void* ctx, u64 base, usize len) {
    u8 chunk[512];
    static_assert(sizeof(chunk) % 16 == 0);
    for (usize done = 0; done < len; done += sizeof(chunk)) {
        usize n = min(sizeof(chunk), len - done);
        if (!read(ctx, base + done, chunk, n)) continue;  // a hole: keep looking past it
        for (usize off = 0; off + 8 <= n; off += 16) {
            if (!same_chars(reinterpret_cast<const char*>(chunk + off), "RSD PTR ", 8)) continue;
            if (read_rsdp(base + done + off, read, ctx).is_ok()) return base + done + off;
        }
    }
    return 0;
}

void add_cpu(AcpiInfo& info, u32 apic_id, u32 acpi_uid, u32 flags) {
    if (!(flags & (kLapicEnabled | kLapicOnlineCapable))) return;  // disabled: never usable
    // Firmware may describe one CPU with both a type 0 and a type 9 entry.
    for (u32 i = 0; i < info.cpu_count; i++)
        if (info.cpu_apic_ids[i] == apic_id) return;
    // 0xFF is the xAPIC broadcast ID; larger x2APIC IDs are unreachable in xAPIC mode.
    if (apic_id >= 0xFF || info.cpu_count == kAcpiMaxCpus) {
        info.cpus_ignored++;
        return;
    }
    u32 i = info.cpu_count++;
    info.cpu_apic_ids[i] = u8(apic_id);
    info.cpu_acpi_uids[i] = acpi_uid;
    info.cpu_enabled[i] = flags & kLapicEnabled;
}

// Reads an entry of type T at off, whose length field says entry_length (already checked
// to lie inside the table); EINVAL when the entry is too short for T.
template <typename T>
Result<T> madt_entry(const Table& madt, usize off, u8 entry_length) {
    T entry;
    if (entry_length < sizeof(T) || !madt.read(off, &entry, sizeof(T))) return Error(EINVAL);
    return entry;
}

Result<void> parse_madt(const Table& madt, AcpiInfo& info) {
    MadtHeader header;
    if (!madt.read(0, &header, sizeof(header))) return Error(EINVAL);
    info.lapic_base = header.lapic_address;
    info.pcat_compat = header.flags & kMadtPcatCompat;

    for (usize off = sizeof(MadtHeader); off < madt.length();) {
        u8 type_and_length[2];
        if (!madt.read(off, type_and_length, 2)) return Error(EINVAL);
        u8 length = type_and_length[1];
        // A length below 2 would never advance; one past the end means a truncated table.
        if (length < 2 || length > madt.length() - off) return Error(EINVAL);
        switch (type_and_length[0]) {
        case kMadtLapic: {
            auto e = TRY(madt_entry<MadtLapic>(madt, off, length));
            add_cpu(info, e.apic_id, e.acpi_uid, e.flags);
            break;
        }
        case kMadtX2Apic: {
            auto e = TRY(madt_entry<MadtX2Apic>(madt, off, length));
            add_cpu(info, e.x2apic_id, e.acpi_uid, e.flags);
            break;
        }
        case kMadtIoApic: {
            auto e = TRY(madt_entry<MadtIoApic>(madt, off, length));
            if (info.ioapic_count < kAcpiMaxIoApics)
                info.ioapics[info.ioapic_count++] = {e.id, e.address, e.gsi_base};
            break;
        }
        case kMadtOverride: {
            auto e = TRY(madt_entry<MadtOverride>(madt, off, length));
            if (info.override_count < kAcpiMaxOverrides)
                info.overrides[info.override_count++] = {e.bus, e.source, e.gsi, e.flags};
            break;
        }
        case kMadtLapicNmi: {
            auto e = TRY(madt_entry<MadtLapicNmi>(madt, off, length));
            if (info.lapic_nmi_count < kAcpiMaxLapicNmis)
                info.lapic_nmis[info.lapic_nmi_count++] = {e.acpi_uid, e.flags, e.lint};
            break;
        }
        case kMadtLapicAddress: {
            auto e = TRY(madt_entry<MadtLapicAddress>(madt, off, length));
            info.lapic_base = e.address;
            break;
        }
        default:
            break;  // entries we do not use (NMI sources, GIC, ...) are skipped by length
        }
        off += length;
    }
    return {};
}

void parse_hpet(const Table& table, AcpiInfo& info) {
    HpetTable hpet;
    if (!table.read(0, &hpet, sizeof(hpet))) return;
    if (hpet.base.space_id != kAcpiSpaceSystemMemory || hpet.base.address == 0) return;
    info.has_hpet = true;
    info.hpet_base = hpet.base.address;
}

// One SLP_TYPx element of the \_S5_ package at off (advanced past it); false if it is not
// an integer that fits the 3-bit SLP_TYP field.
bool decode_slp_typ(ByteWindow& aml, usize& off, usize end, u8& out) {
    int op = aml.at(off);
    u32 value = 0;
    usize size = 0;  // bytes of immediate data after the opcode
    switch (op) {
    case kAmlZero: value = 0; break;
    case kAmlOne: value = 1; break;
    case kAmlBytePrefix: size = 1; break;
    case kAmlWordPrefix: size = 2; break;
    case kAmlDWordPrefix: size = 4; break;
    default:
        // Some hand-written tables store a bare small integer; no AML opcode in 2..7 can
        // start a package element, so reading it as a value is unambiguous.
        if (op < 2 || op > 7) return false;
        value = u32(op);
    }
    if (off + 1 + size > end) return false;
    for (usize i = 0; i < size; i++) {
        int b = aml.at(off + 1 + i);
        if (b < 0) return false;
        value |= u32(b) << (8 * i);
    }
    if (value > 7) return false;
    off += 1 + size;
    out = u8(value);
    return true;
}

// Decodes `Name(_S5_, Package(n) {a, b, ...})` if the "_S5_" at name_off starts one.
bool decode_s5(ByteWindow& aml, usize name_off, AcpiInfo& info) {
    usize op_off = name_off - 1;
    if (aml.at(op_off) == kAmlRootChar) op_off--;  // \_S5_
    if (op_off < sizeof(SdtHeader) || aml.at(op_off) != kAmlNameOp) return false;
    usize off = name_off + 4;
    if (aml.at(off++) != kAmlPackageOp) return false;

    // PkgLength: bits 7-6 of the lead byte count the bytes that follow; the length counts
    // from the lead byte itself. [acpi/6.5] 20.2.4
    usize pkg_start = off;
    int lead = aml.at(off++);
    if (lead < 0) return false;
    usize follow = usize(lead) >> 6;
    usize pkg_length = follow ? (lead & 0x0F) : (lead & 0x3F);
    for (usize i = 0; i < follow; i++) {
        int b = aml.at(off++);
        if (b < 0) return false;
        pkg_length |= usize(b) << (4 + 8 * i);
    }
    usize end = pkg_start + pkg_length;
    int count = aml.at(off++);
    if (count < 2 || aml.at(end - 1) < 0) return false;  // the package must lie in the table

    u8 a, b;
    if (!decode_slp_typ(aml, off, end, a) || !decode_slp_typ(aml, off, end, b)) return false;
    info.has_s5 = true;
    info.s5_slp_typ_a = a;
    info.s5_slp_typ_b = b;
    return true;
}

// We do not run an AML interpreter: the \_S5_ object is a static package in every firmware
// we care about, so a byte search for its NameOp is enough to power off.
void find_s5(const Table& dsdt, AcpiInfo& info) {
    ByteWindow aml(dsdt);
    for (usize off = sizeof(SdtHeader) + 1; off + 4 <= dsdt.length(); off++) {
        if (aml.at(off) != '_' || aml.at(off + 1) != 'S' || aml.at(off + 2) != '5' ||
            aml.at(off + 3) != '_')
            continue;
        if (decode_s5(aml, off, info)) return;
    }
}

// A FADT register block as an I/O port: the 64-bit X_ field when it is set and in I/O space,
// else the legacy 32-bit field.
u32 io_port(const RawGenericAddress& x, u32 legacy) {
    if (x.address != 0 && x.space_id == kAcpiSpaceSystemIo && x.address <= 0xFFFF)
        return u32(x.address);
    return legacy;
}

void parse_fadt(const Table& table, AcpiInfo& info, AcpiPhysReader read, void* ctx) {
    Fadt fadt{};
    if (!table.read(0, &fadt, min<usize>(table.length(), sizeof(fadt)))) return;
    info.has_fadt = true;
    info.sci_irq = fadt.sci_int;
    info.pm1a_cnt_port = io_port(fadt.x_pm1a_cnt_blk, fadt.pm1a_cnt_blk);
    info.pm1b_cnt_port = io_port(fadt.x_pm1b_cnt_blk, fadt.pm1b_cnt_blk);
    info.pm_timer_port = io_port(fadt.x_pm_tmr_blk, fadt.pm_tmr_blk);
    info.century_cmos_index = fadt.century;
    if (fadt.sdt.revision >= 2) info.has_8042 = fadt.iapc_boot_arch & kBootArch8042;

    // RESET_REG and RESET_VALUE exist only past the ACPI 1.0 layout.
    bool has_reset_fields = table.length() > offsetof(Fadt, reset_value);
    if (has_reset_fields && (fadt.flags & kFadtResetRegSupported) && fadt.reset_reg.address) {
        const RawGenericAddress& r = fadt.reset_reg;
        info.has_reset = true;
        info.reset_reg = {r.space_id, r.bit_width, r.bit_offset, r.access_size, r.address};
        info.reset_value = fadt.reset_value;
    }

    u64 dsdt_phys = fadt.x_dsdt ? fadt.x_dsdt : fadt.dsdt;
    auto dsdt = open_table(read, ctx, dsdt_phys, "DSDT", sizeof(SdtHeader));
    if (dsdt.is_ok()) find_s5(dsdt.value(), info);
}

// Walks the RSDT (4-byte entries) or XSDT (8-byte entries).
Result<void> parse_root(const Table& root, usize entry_size, AcpiInfo& info, AcpiPhysReader read,
                        void* ctx) {
    bool have_madt = false;
    for (usize off = sizeof(SdtHeader); off + entry_size <= root.length(); off += entry_size) {
        u64 phys;
        if (entry_size == 8) {
            if (!root.read(off, &phys, 8)) return Error(EINVAL);
        } else {
            u32 phys32;
            if (!root.read(off, &phys32, 4)) return Error(EINVAL);
            phys = phys32;
        }
        char sig[4];
        if (phys == 0 || !read(ctx, phys, sig, sizeof(sig))) continue;  // not a table we can use

        // The first table of each kind wins.
        if (same_chars(sig, "APIC", 4) && !have_madt) {
            auto madt = TRY(open_table(read, ctx, phys, "APIC", sizeof(MadtHeader)));
            TRY(parse_madt(madt, info));
            have_madt = true;
        } else if (same_chars(sig, "HPET", 4) && !info.has_hpet) {
            auto hpet = open_table(read, ctx, phys, "HPET", sizeof(HpetTable));
            if (hpet.is_ok()) parse_hpet(hpet.value(), info);
        } else if (same_chars(sig, "FACP", 4) && !info.has_fadt) {
            auto fadt = open_table(read, ctx, phys, "FACP", kFadtV1Length);
            if (fadt.is_ok()) parse_fadt(fadt.value(), info, read, ctx);
        }
    }
    if (!have_madt) return Error(ENOENT);
    return {};
}

}  // namespace

Result<u64> acpi_find_rsdp(AcpiPhysReader read, void* ctx) {
    constexpr u64 kBdaEbdaSegment = 0x40E;
    u16 segment = 0;
    if (read(ctx, kBdaEbdaSegment, &segment, sizeof(segment))) {
        u64 ebda = u64(segment) << 4;
        // Ignore a junk pointer: the EBDA sits below the 640 KiB hole (ACPICA's bounds).
        if (ebda > 0x400 && ebda < 0xA0000) {
            if (u64 rsdp = scan_for_rsdp(read, ctx, ebda, 1024)) return rsdp;
        }
    }
    if (u64 rsdp = scan_for_rsdp(read, ctx, 0xE0000, 0x20000)) return rsdp;
    return Error(ENOENT);
}

Result<AcpiInfo> acpi_parse(u64 rsdp_phys, AcpiPhysReader read, void* ctx) {
    RawRsdp rsdp = TRY(read_rsdp(rsdp_phys, read, ctx));
    AcpiInfo info{};
    for (usize i = 0; i < 6; i++) info.oem_id[i] = rsdp.oem_id[i];
    info.oem_id[6] = '\0';
    info.rsdp_revision = rsdp.revision;
    info.has_8042 = true;  // until a FADT of revision >= 2 says otherwise

    // From ACPI 2.0 the XSDT (64-bit pointers) is authoritative. Like ACPICA, fall back to
    // the RSDT when the XSDT itself is bad.
    if (rsdp.revision >= 2 && rsdp.xsdt_address) {
        auto xsdt = open_table(read, ctx, rsdp.xsdt_address, "XSDT", sizeof(SdtHeader));
        if (xsdt.is_ok()) {
            info.used_xsdt = true;
            TRY(parse_root(xsdt.value(), 8, info, read, ctx));
            return info;
        }
        if (!rsdp.rsdt_address) return xsdt.error();
    }
    auto rsdt = TRY(open_table(read, ctx, rsdp.rsdt_address, "RSDT", sizeof(SdtHeader)));
    TRY(parse_root(rsdt, 4, info, read, ctx));
    return info;
}
