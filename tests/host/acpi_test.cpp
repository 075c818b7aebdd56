// SPDX-License-Identifier: MIT
// Tests for the ACPI table parser, fed with real tables dumped from QEMU (tools/dump-acpi-tables.py)
// and with hand-built or corrupted tables for the error paths.
#include <gtest/gtest.h>

#include <asm-generic/errno.h>

#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "drivers/acpi/tables.h"

namespace {

using Bytes = std::vector<u8>;

// Physical memory as a set of non-overlapping regions; a read fails unless one region holds
// all of it (or, with unmapped_reads_zero, reads zeros). Every read is logged so tests can
// check the parser stayed inside a table.
class FakePhysMemory {
public:
    void map(u64 base, Bytes bytes) { m_regions[base] = std::move(bytes); }
    void unmap(u64 base) { m_regions.erase(base); }
    Bytes& region(u64 base) { return m_regions.at(base); }

    // Overwrites bytes inside an already mapped region.
    void poke(u64 phys, const Bytes& bytes) {
        auto it = find(phys, bytes.size());
        ASSERT_NE(it, m_regions.end());
        std::memcpy(it->second.data() + (phys - it->first), bytes.data(), bytes.size());
    }

    static bool read(void* ctx, u64 phys, void* dst, usize len) {
        auto* self = static_cast<FakePhysMemory*>(ctx);
        self->reads.push_back({phys, len});
        auto it = self->find(phys, len);
        if (it == self->m_regions.end()) {
            if (self->unmapped_reads_zero) std::memset(dst, 0, len);
            return self->unmapped_reads_zero;
        }
        std::memcpy(dst, it->second.data() + (phys - it->first), len);
        return true;
    }

    std::vector<std::pair<u64, usize>> reads;
    bool unmapped_reads_zero = false;

private:
    std::map<u64, Bytes>::iterator find(u64 phys, usize len) {
        auto it = m_regions.upper_bound(phys);
        if (it == m_regions.begin()) return m_regions.end();
        --it;
        if (phys - it->first > it->second.size() || len > it->second.size() - (phys - it->first))
            return m_regions.end();
        return it;
    }

    std::map<u64, Bytes> m_regions;
};

void put_u16(Bytes& b, usize off, u16 v) { std::memcpy(&b[off], &v, 2); }
void put_u32(Bytes& b, usize off, u32 v) { std::memcpy(&b[off], &v, 4); }
void put_u64(Bytes& b, usize off, u64 v) { std::memcpy(&b[off], &v, 8); }
void append(Bytes& b, std::initializer_list<u8> v) { b.insert(b.end(), v); }
void append_u32(Bytes& b, u32 v) { b.resize(b.size() + 4); put_u32(b, b.size() - 4, v); }
void append_u64(Bytes& b, u64 v) { b.resize(b.size() + 8); put_u64(b, b.size() - 8, v); }

// Makes the bytes [0, len) sum to zero by adjusting the byte at checksum_off.
void fix_checksum(Bytes& b, usize checksum_off = 9, usize len = ~usize(0)) {
    len = std::min(len, b.size());
    b[checksum_off] = 0;
    u8 sum = 0;
    for (usize i = 0; i < len; i++) sum = u8(sum + b[i]);
    b[checksum_off] = u8(-sum);
}

// A table with a standard 36-byte header around body, with a valid length and checksum.
Bytes make_table(const char* sig, const Bytes& body, u8 revision = 1) {
    Bytes t(36, 0);
    std::memcpy(&t[0], sig, 4);
    put_u32(t, 4, u32(36 + body.size()));
    t[8] = revision;
    std::memcpy(&t[10], "ARAMID", 6);
    t.insert(t.end(), body.begin(), body.end());
    fix_checksum(t);
    return t;
}

Bytes make_rsdp(u32 rsdt, u8 revision = 0, u64 xsdt = 0) {
    Bytes r(revision >= 2 ? 36 : 20, 0);
    std::memcpy(&r[0], "RSD PTR ", 8);
    std::memcpy(&r[9], "ARAMID", 6);
    r[15] = revision;
    put_u32(r, 16, rsdt);
    fix_checksum(r, 8, 20);
    if (revision >= 2) {
        put_u32(r, 20, 36);
        put_u64(r, 24, xsdt);
        fix_checksum(r, 32);  // the extended checksum covers the first one too
    }
    return r;
}

// Tables as QEMU's SeaBIOS laid them out, from tests/host/data/acpi/<machine>/tables.txt.
struct QemuMachine {
    FakePhysMemory mem;
    std::map<std::string, u64> addr;  // "apic" -> physical address
    u64 rsdp = 0;

    Bytes& table(const std::string& name) { return mem.region(addr.at(name)); }

    // Replaces a table with one of another size: maps it at a fresh address (the original's
    // neighbours leave no room) and repoints its parent: the RSDP, the FADT or the RSDT.
    void replace(const std::string& name, Bytes bytes) {
        u64 old = addr.at(name), fresh = 0x40000000 + 0x100000 * addr.size();
        mem.unmap(old);
        mem.map(fresh, std::move(bytes));
        addr[name] = fresh;
        if (name == "rsdt") {
            put_u32(table("rsdp"), 16, u32(fresh));
            fix_checksum(table("rsdp"), 8, 20);
            return;
        }
        if (name == "dsdt") {
            Bytes& fadt = table("facp");
            put_u32(fadt, 40, u32(fresh));
            if (fadt.size() >= 148) put_u64(fadt, 140, fresh);  // X_DSDT
            fix_checksum(fadt);
            return;
        }
        Bytes& rsdt = table("rsdt");
        for (usize off = 36; off + 4 <= rsdt.size(); off += 4) {
            u32 entry;
            std::memcpy(&entry, &rsdt[off], 4);
            if (entry == old) put_u32(rsdt, off, u32(fresh));
        }
        fix_checksum(rsdt);
    }

    Result<AcpiInfo> parse() { return acpi_parse(rsdp, FakePhysMemory::read, &mem); }
};

QemuMachine load_qemu(const std::string& machine) {
    QemuMachine m;
    std::string dir = std::string(ACPI_TEST_DATA) + "/" + machine;
    std::ifstream manifest(dir + "/tables.txt");
    EXPECT_TRUE(manifest.good()) << dir;
    std::string line;
    while (std::getline(manifest, line)) {
        if (line.empty() || line[0] == '#') continue;
        std::istringstream fields(line);
        std::string file, addr;
        fields >> file >> addr;
        std::ifstream in(dir + "/" + file, std::ios::binary);
        Bytes bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        u64 phys = std::stoull(addr, nullptr, 16);
        m.addr[file.substr(0, file.find('.'))] = phys;
        m.mem.map(phys, std::move(bytes));
    }
    m.rsdp = m.addr.at("rsdp");
    return m;
}

// The MADT QEMU 7.2 builds for -smp 2, identical for pc and q35 (checked with `iasl -d`).
void expect_qemu_madt(const AcpiInfo& info) {
    EXPECT_EQ(info.lapic_base, 0xFEE00000u);
    EXPECT_TRUE(info.pcat_compat);
    ASSERT_EQ(info.cpu_count, 2u);
    EXPECT_EQ(info.cpu_apic_ids[0], 0);
    EXPECT_EQ(info.cpu_apic_ids[1], 1);
    EXPECT_EQ(info.cpu_acpi_uids[1], 1u);
    EXPECT_TRUE(info.cpu_enabled[0] && info.cpu_enabled[1]);
    EXPECT_EQ(info.cpus_ignored, 0u);

    ASSERT_EQ(info.ioapic_count, 1u);
    EXPECT_EQ(info.ioapics[0].id, 0);
    EXPECT_EQ(info.ioapics[0].address, 0xFEC00000u);
    EXPECT_EQ(info.ioapics[0].gsi_base, 0u);

    // IRQ0 -> GSI2 (the PIT), then the level-triggered active-high PCI IRQs 5, 9, 10, 11.
    ASSERT_EQ(info.override_count, 5u);
    EXPECT_EQ(info.overrides[0].bus, 0);
    EXPECT_EQ(info.overrides[0].source_irq, 0);
    EXPECT_EQ(info.overrides[0].gsi, 2u);
    EXPECT_EQ(info.overrides[0].flags, 0);
    const u8 pci_irqs[] = {5, 9, 10, 11};
    for (u32 i = 0; i < 4; i++) {
        EXPECT_EQ(info.overrides[i + 1].source_irq, pci_irqs[i]);
        EXPECT_EQ(info.overrides[i + 1].gsi, pci_irqs[i]);
        EXPECT_EQ(info.overrides[i + 1].flags, 0xD);
    }

    ASSERT_EQ(info.lapic_nmi_count, 1u);
    EXPECT_EQ(info.lapic_nmis[0].acpi_uid, 0xFF);  // all processors
    EXPECT_EQ(info.lapic_nmis[0].lint, 1);
}

// FADT/HPET/DSDT values shared by pc and q35 (PIIX4 and ICH9 PM blocks are both at 0x600).
void expect_qemu_platform(const AcpiInfo& info) {
    EXPECT_TRUE(info.has_hpet);
    EXPECT_EQ(info.hpet_base, 0xFED00000u);
    ASSERT_TRUE(info.has_fadt);
    EXPECT_EQ(info.pm1a_cnt_port, 0x604u);
    EXPECT_EQ(info.pm1b_cnt_port, 0u);
    EXPECT_EQ(info.pm_timer_port, 0x608u);
    EXPECT_EQ(info.sci_irq, 9);
    EXPECT_EQ(info.century_cmos_index, 0x32);
    // Name (_S5, Package (0x04) {Zero, Zero, Zero, Zero})
    EXPECT_TRUE(info.has_s5);
    EXPECT_EQ(info.s5_slp_typ_a, 0);
    EXPECT_EQ(info.s5_slp_typ_b, 0);
    EXPECT_TRUE(info.has_8042);
}

TEST(AcpiQemu, PcTables) {
    auto m = load_qemu("pc");
    auto r = m.parse();
    ASSERT_TRUE(r.is_ok()) << r.error_code();
    const AcpiInfo& info = r.value();
    EXPECT_STREQ(info.oem_id, "BOCHS ");
    EXPECT_EQ(info.rsdp_revision, 0);
    EXPECT_FALSE(info.used_xsdt);
    expect_qemu_madt(info);
    expect_qemu_platform(info);
    // pc's FADT is revision 1 (116 bytes): no RESET_REG, and IAPC_BOOT_ARCH is reserved.
    EXPECT_FALSE(info.has_reset);
}

TEST(AcpiQemu, Q35Tables) {
    auto m = load_qemu("q35");
    auto r = m.parse();
    ASSERT_TRUE(r.is_ok()) << r.error_code();
    const AcpiInfo& info = r.value();
    expect_qemu_madt(info);
    expect_qemu_platform(info);
    // q35's FADT is revision 3: reset by writing 0x0F to I/O port 0xCF9.
    ASSERT_TRUE(info.has_reset);
    EXPECT_EQ(info.reset_reg.space_id, kAcpiSpaceSystemIo);
    EXPECT_EQ(info.reset_reg.bit_width, 8);
    EXPECT_EQ(info.reset_reg.bit_offset, 0);
    EXPECT_EQ(info.reset_reg.access_size, 0);
    EXPECT_EQ(info.reset_reg.address, 0xCF9u);
    EXPECT_EQ(info.reset_value, 0x0F);
}

TEST(AcpiQemu, ReadsStayInsideTables) {
    auto m = load_qemu("q35");
    ASSERT_TRUE(m.parse().is_ok());
    for (auto [phys, len] : m.mem.reads) {
        bool inside = false;
        for (auto& [name, base] : m.addr)
            inside |= phys >= base && phys + len <= base + m.table(name).size();
        EXPECT_TRUE(inside) << std::hex << phys << "+" << len;
    }
}

// The BIOS area as firmware leaves it: zeros, the BDA's EBDA segment, and one RSDP.
FakePhysMemory bios_area(u16 ebda_segment) {
    FakePhysMemory mem;
    Bytes bda(0x100, 0);
    put_u16(bda, 0x0E, ebda_segment);
    mem.map(0x400, bda);
    mem.map(0x9FC00, Bytes(0x400, 0));
    mem.map(0xE0000, Bytes(0x20000, 0));
    return mem;
}

TEST(AcpiFindRsdp, InBiosArea) {
    auto m = load_qemu("pc");
    FakePhysMemory mem = bios_area(0x9FC0);
    mem.poke(m.rsdp, m.table("rsdp"));
    auto r = acpi_find_rsdp(FakePhysMemory::read, &mem);
    ASSERT_TRUE(r.is_ok());
    EXPECT_EQ(r.value(), m.rsdp);
}

TEST(AcpiFindRsdp, EbdaFirst) {
    FakePhysMemory mem = bios_area(0x9FC0);
    mem.poke(0x9FC20, make_rsdp(0x1234));
    mem.poke(0xF0000, make_rsdp(0x5678));
    auto r = acpi_find_rsdp(FakePhysMemory::read, &mem);
    ASSERT_TRUE(r.is_ok());
    EXPECT_EQ(r.value(), 0x9FC20u);
}

TEST(AcpiFindRsdp, SkipsBadCandidatesAndMisalignment) {
    FakePhysMemory mem = bios_area(0);  // no EBDA
    Bytes bad = make_rsdp(0x1234);
    bad[8] ^= 1;
    mem.poke(0xE0010, bad);
    mem.poke(0xE0028, make_rsdp(0x1234));  // valid but not 16-byte aligned
    mem.poke(0xFFFE0, make_rsdp(0x1234));  // the last 32 bytes of the area
    auto r = acpi_find_rsdp(FakePhysMemory::read, &mem);
    ASSERT_TRUE(r.is_ok());
    EXPECT_EQ(r.value(), 0xFFFE0u);
}

TEST(AcpiFindRsdp, NotFound) {
    FakePhysMemory empty;
    EXPECT_EQ(acpi_find_rsdp(FakePhysMemory::read, &empty).error_code(), ENOENT);
    FakePhysMemory zeros = bios_area(0x9FC0);
    EXPECT_EQ(acpi_find_rsdp(FakePhysMemory::read, &zeros).error_code(), ENOENT);
}

TEST(AcpiRsdp, BadChecksum) {
    auto m = load_qemu("pc");
    m.table("rsdp")[8] ^= 0x55;
    EXPECT_EQ(m.parse().error_code(), EINVAL);
}

TEST(AcpiRsdp, BadSignatureOrUnreadable) {
    auto m = load_qemu("pc");
    EXPECT_EQ(acpi_parse(0x1000, FakePhysMemory::read, &m.mem).error_code(), EINVAL);
    m.table("rsdp")[0] = 'X';
    fix_checksum(m.table("rsdp"), 8);
    EXPECT_EQ(m.parse().error_code(), EINVAL);
}

// QEMU's BIOS tables are ACPI 1.0 (RSDT only), so build an ACPI 2.0 RSDP and XSDT over them.
QemuMachine q35_with_xsdt(u32 rsdt_address) {
    QemuMachine m = load_qemu("q35");
    const Bytes& rsdt = m.table("rsdt");
    Bytes entries;
    for (usize off = 36; off + 4 <= rsdt.size(); off += 4) {
        u32 phys;
        std::memcpy(&phys, &rsdt[off], 4);
        append_u64(entries, phys);
    }
    m.addr["xsdt"] = 0x100000;
    m.mem.map(0x100000, make_table("XSDT", entries));
    m.mem.map(m.rsdp, make_rsdp(rsdt_address, 2, 0x100000));
    return m;
}

TEST(AcpiRsdp, V2UsesXsdt) {
    auto m = q35_with_xsdt(0);  // no RSDT at all: only the XSDT can work
    auto r = m.parse();
    ASSERT_TRUE(r.is_ok()) << r.error_code();
    EXPECT_STREQ(r.value().oem_id, "ARAMID");
    EXPECT_EQ(r.value().rsdp_revision, 2);
    EXPECT_TRUE(r.value().used_xsdt);
    expect_qemu_madt(r.value());
    expect_qemu_platform(r.value());
}

TEST(AcpiRsdp, V2BadExtendedChecksum) {
    auto m = q35_with_xsdt(0);
    m.table("rsdp")[32] ^= 1;
    EXPECT_EQ(m.parse().error_code(), EINVAL);
}

TEST(AcpiRsdp, BadXsdtFallsBackToRsdt) {
    auto m = q35_with_xsdt(0);
    m.table("xsdt")[9] ^= 1;
    EXPECT_EQ(m.parse().error_code(), EINVAL);  // no RSDT to fall back to

    auto m2 = q35_with_xsdt(u32(load_qemu("q35").addr.at("rsdt")));
    m2.table("xsdt")[9] ^= 1;
    auto r = m2.parse();
    ASSERT_TRUE(r.is_ok());
    EXPECT_FALSE(r.value().used_xsdt);
    expect_qemu_madt(r.value());
}

TEST(AcpiRsdt, CorruptOrHuge) {
    auto m = load_qemu("pc");
    m.table("rsdt")[40] ^= 1;  // checksum no longer matches
    EXPECT_EQ(m.parse().error_code(), EINVAL);

    auto m2 = load_qemu("pc");
    put_u32(m2.table("rsdt"), 4, 0xFFFFFFF0);
    fix_checksum(m2.table("rsdt"));
    EXPECT_EQ(m2.parse().error_code(), EINVAL);
}

TEST(AcpiMadt, BadChecksum) {
    auto m = load_qemu("pc");
    m.table("apic")[44 + 3] = 7;  // CPU 0's APIC ID
    EXPECT_EQ(m.parse().error_code(), EINVAL);
}

TEST(AcpiMadt, TruncatedLength) {
    // A declared length that cuts the last entry (LAPIC NMI at 122, 6 bytes) in half.
    auto m = load_qemu("pc");
    Bytes& madt = m.table("apic");
    put_u32(madt, 4, 125);
    fix_checksum(madt, 9, 125);
    EXPECT_EQ(m.parse().error_code(), EINVAL);
    u64 base = m.addr.at("apic");
    for (auto [phys, len] : m.mem.reads)
        if (phys >= base && phys < base + madt.size()) {
            EXPECT_LE(phys + len, base + 125);
        }
}

TEST(AcpiMadt, TruncatedInMemory) {
    // The table claims 128 bytes but only 100 are readable.
    auto m = load_qemu("pc");
    m.table("apic").resize(100);
    EXPECT_EQ(m.parse().error_code(), EINVAL);
}

TEST(AcpiMadt, EntryLengthZeroOrOne) {
    for (u8 len : {0, 1}) {
        auto m = load_qemu("pc");
        Bytes& madt = m.table("apic");
        madt[0x34 + 1] = len;  // the second LAPIC entry
        fix_checksum(madt);
        EXPECT_EQ(m.parse().error_code(), EINVAL) << int(len);
    }
}

TEST(AcpiMadt, UnknownEntryLengthZero) {
    Bytes body;
    append_u32(body, 0xFEE00000);
    append_u32(body, 0);
    append(body, {0x7F, 0, 0, 0});
    auto m = load_qemu("pc");
    m.replace("apic", make_table("APIC", body));
    EXPECT_EQ(m.parse().error_code(), EINVAL);
}

TEST(AcpiMadt, EntryTooShortForItsType) {
    // An IOAPIC entry (needs 12 bytes) claiming 8, followed by 4 padding bytes.
    Bytes body;
    append_u32(body, 0xFEE00000);
    append_u32(body, 0);
    append(body, {1, 8, 0, 0, 0, 0, 0xC0, 0xFE, 0xFF, 4, 0, 0});
    auto m = load_qemu("pc");
    m.replace("apic", make_table("APIC", body));
    EXPECT_EQ(m.parse().error_code(), EINVAL);
}

TEST(AcpiMadt, HugeLength) {
    for (u32 len : {0x01000001u, 0xFFFFFFFFu}) {
        auto m = load_qemu("pc");
        m.mem.unmapped_reads_zero = true;  // memory past the table is there to be walked
        put_u32(m.table("apic"), 4, len);
        fix_checksum(m.table("apic"));
        EXPECT_EQ(m.parse().error_code(), EINVAL);
        ASSERT_LT(m.mem.reads.size(), 100u);  // rejected before any checksum walk
    }
}

TEST(AcpiMadt, Missing) {
    auto m = load_qemu("pc");
    m.mem.unmap(m.addr.at("apic"));
    EXPECT_EQ(m.parse().error_code(), ENOENT);
}

Bytes lapic(u8 uid, u8 id, u32 flags) {
    Bytes e = {0, 8, uid, id};
    append_u32(e, flags);
    return e;
}

Bytes x2apic(u32 id, u32 uid, u32 flags) {
    Bytes e = {9, 16, 0, 0};
    append_u32(e, id);
    append_u32(e, flags);
    append_u32(e, uid);
    return e;
}

TEST(AcpiMadt, ProcessorEntriesAndAddressOverride) {
    Bytes body;
    append_u32(body, 0xFEE00000);
    append_u32(body, 0);  // no 8259s
    auto add = [&](const Bytes& e) { body.insert(body.end(), e.begin(), e.end()); };
    add(lapic(0, 0, 1));
    add(lapic(1, 4, 0));  // disabled: skipped
    add(lapic(2, 6, 2));  // online-capable: listed, not enabled
    add(x2apic(0, 0, 1));  // CPU 0 again: deduplicated
    add(x2apic(7, 3, 1));
    add(x2apic(0x100, 4, 1));  // does not fit xAPIC: counted as ignored
    add({5, 12, 0, 0});  // 64-bit LAPIC address override
    body.resize(body.size() + 8);
    put_u64(body, body.size() - 8, 0x1'FEE0'0000);
    add({0x7F, 3, 0});  // unknown type: skipped by its length

    auto m = load_qemu("pc");
    m.replace("apic", make_table("APIC", body));
    auto r = m.parse();
    ASSERT_TRUE(r.is_ok()) << r.error_code();
    const AcpiInfo& info = r.value();
    EXPECT_FALSE(info.pcat_compat);
    EXPECT_EQ(info.lapic_base, 0x1'FEE0'0000u);
    ASSERT_EQ(info.cpu_count, 3u);
    EXPECT_EQ(info.cpu_apic_ids[1], 6);
    EXPECT_FALSE(info.cpu_enabled[1]);
    EXPECT_EQ(info.cpu_apic_ids[2], 7);
    EXPECT_EQ(info.cpu_acpi_uids[2], 3u);
    EXPECT_TRUE(info.cpu_enabled[2]);
    EXPECT_EQ(info.cpus_ignored, 1u);
    EXPECT_EQ(info.ioapic_count, 0u);
}

TEST(AcpiMadt, ListsCapWithoutOverflow) {
    Bytes body;
    append_u32(body, 0xFEE00000);
    append_u32(body, 1);
    for (u32 i = 0; i < kAcpiMaxCpus + 10; i++) {
        Bytes e = lapic(u8(i), u8(i), 1);
        body.insert(body.end(), e.begin(), e.end());
    }
    for (u32 i = 0; i < kAcpiMaxOverrides + 3; i++) append(body, {2, 10, 0, u8(i), u8(i), 0, 0, 0, 0, 0});
    for (u32 i = 0; i < kAcpiMaxIoApics + 3; i++) append(body, {1, 12, u8(i), 0, 0, 0, 0xC0, 0xFE, 0, 0, 0, 0});
    auto m = load_qemu("pc");
    m.replace("apic", make_table("APIC", body));
    auto r = m.parse();
    ASSERT_TRUE(r.is_ok());
    EXPECT_EQ(r.value().cpu_count, kAcpiMaxCpus);
    EXPECT_EQ(r.value().cpus_ignored, 10u);
    EXPECT_EQ(r.value().override_count, kAcpiMaxOverrides);
    EXPECT_EQ(r.value().ioapic_count, kAcpiMaxIoApics);
}

TEST(AcpiOptional, MissingTables) {
    // An RSDT that lists only the MADT: no FADT, HPET or DSDT.
    auto m = load_qemu("pc");
    Bytes entries;
    append_u32(entries, u32(m.addr.at("apic")));
    append_u32(entries, 0);  // null entries are skipped
    append_u32(entries, 0x7FFF0000);  // so are unreadable ones
    m.replace("rsdt", make_table("RSDT", entries));
    auto r = m.parse();
    ASSERT_TRUE(r.is_ok()) << r.error_code();
    const AcpiInfo& info = r.value();
    expect_qemu_madt(info);
    EXPECT_FALSE(info.has_hpet);
    EXPECT_FALSE(info.has_fadt);
    EXPECT_FALSE(info.has_s5);
    EXPECT_FALSE(info.has_reset);
    EXPECT_EQ(info.pm1a_cnt_port, 0u);
    EXPECT_TRUE(info.has_8042);  // no FADT to say otherwise
}

TEST(AcpiOptional, CorruptTablesAreSkipped) {
    auto m = load_qemu("q35");
    m.table("hpet")[50] ^= 1;  // bad checksum
    put_u32(m.table("facp"), 4, 0x2000000);  // 32 MiB: absurd
    fix_checksum(m.table("facp"));
    auto r = m.parse();
    ASSERT_TRUE(r.is_ok());
    EXPECT_FALSE(r.value().has_hpet);
    EXPECT_FALSE(r.value().has_fadt);
    EXPECT_FALSE(r.value().has_reset);
    expect_qemu_madt(r.value());
}

TEST(AcpiOptional, CorruptDsdtKeepsFadt) {
    auto m = load_qemu("q35");
    m.table("dsdt")[100] ^= 1;
    auto r = m.parse();
    ASSERT_TRUE(r.is_ok());
    EXPECT_TRUE(r.value().has_fadt);
    EXPECT_TRUE(r.value().has_reset);
    EXPECT_FALSE(r.value().has_s5);
}

TEST(AcpiFadt, PrefersExtendedFields) {
    auto m = load_qemu("q35");
    Bytes& fadt = m.table("facp");
    put_u64(fadt, 176, 0x1004);  // X_PM1a_CNT_BLK.address (legacy PM1a_CNT_BLK stays 0x604)
    put_u64(fadt, 212, 0x1008);  // X_PM_TMR_BLK.address
    // X_DSDT to a copy of the DSDT whose \_S5_ says 5; the legacy DSDT field keeps the original.
    Bytes dsdt = m.table("dsdt");
    usize s5 = std::string(dsdt.begin(), dsdt.end()).find("_S5_");
    ASSERT_NE(s5, std::string::npos);
    dsdt[s5 + 7] = 0x05;  // first element, as a bare small integer
    fix_checksum(dsdt);
    m.mem.map(0x200000, dsdt);
    put_u64(fadt, 140, 0x200000);
    fix_checksum(fadt);
    auto r = m.parse();
    ASSERT_TRUE(r.is_ok());
    EXPECT_EQ(r.value().pm1a_cnt_port, 0x1004u);
    EXPECT_EQ(r.value().pm_timer_port, 0x1008u);
    EXPECT_EQ(r.value().s5_slp_typ_a, 5);
    EXPECT_EQ(r.value().s5_slp_typ_b, 0);
}

TEST(AcpiFadt, NullExtendedFieldFallsBackToLegacy) {
    auto m = load_qemu("q35");
    Bytes& fadt = m.table("facp");
    put_u64(fadt, 212, 0);  // X_PM_TMR_BLK.address (its space ID stays SystemIO)
    put_u32(fadt, 76, 0x1234);  // PM_TMR_BLK
    fix_checksum(fadt);
    auto r = m.parse();
    ASSERT_TRUE(r.is_ok());
    EXPECT_EQ(r.value().pm_timer_port, 0x1234u);
}

TEST(AcpiFadt, RevisionTwoBootArchAndNoReset) {
    auto m = load_qemu("q35");
    Bytes& fadt = m.table("facp");
    put_u16(fadt, 109, 0);  // IAPC_BOOT_ARCH: no 8042
    put_u32(fadt, 112, 0);  // flags: RESET_REG_SUP clear
    fix_checksum(fadt);
    auto r = m.parse();
    ASSERT_TRUE(r.is_ok());
    EXPECT_FALSE(r.value().has_8042);
    EXPECT_FALSE(r.value().has_reset);
}

// Random byte flips with the checksums repaired, so the corruption reaches the parsers behind
// them. Nothing may crash, hang or trip ASan/UBSan, whatever the parse result.
TEST(AcpiFuzz, CorruptedTablesNeverCrash) {
    const char* names[] = {"rsdt", "apic", "facp", "hpet", "dsdt"};
    u64 seed = 0x9E3779B97F4A7C15;
    auto next = [&] {
        seed = seed * 6364136223846793005 + 1442695040888963407;
        return u32(seed >> 33);
    };
    const QemuMachine pc = load_qemu("pc"), q35 = load_qemu("q35");
    for (int iter = 0; iter < 2000; iter++) {
        QemuMachine m = iter % 2 ? q35 : pc;
        std::string name = names[next() % 5];
        Bytes& t = m.table(name);
        usize limit = name == "dsdt" ? 64 : t.size();  // the DSDT header and early AML
        for (u32 flips = 1 + next() % 4; flips--;) t[next() % limit] = u8(next());
        fix_checksum(t);
        auto r = m.parse();
        if (r.is_ok()) {
            EXPECT_LE(r.value().cpu_count, kAcpiMaxCpus);
            EXPECT_LE(r.value().s5_slp_typ_a, 7);
        }
    }
}

struct S5Case {
    const char* name;
    Bytes aml;
    bool found;
    u8 a, b;
};

class AcpiS5 : public testing::TestWithParam<S5Case> {};

TEST_P(AcpiS5, Decodes) {
    const S5Case& c = GetParam();
    auto m = load_qemu("pc");
    m.replace("dsdt", make_table("DSDT", c.aml));
    auto r = m.parse();
    ASSERT_TRUE(r.is_ok());
    EXPECT_EQ(r.value().has_s5, c.found);
    if (c.found) {
        EXPECT_EQ(r.value().s5_slp_typ_a, c.a);
        EXPECT_EQ(r.value().s5_slp_typ_b, c.b);
    }
}

// Name(_S5_, Package(4) {...}) is 08 '_S5_' 12 <PkgLength> <count> <elements>.
INSTANTIATE_TEST_SUITE_P(
    Encodings, AcpiS5,
    testing::Values(
        S5Case{"BytePrefix", {0x08, '_', 'S', '5', '_', 0x12, 0x08, 0x04, 0x0A, 0x05, 0x0A, 0x07, 0, 0}, true, 5, 7},
        S5Case{"ZeroOne", {0x08, '_', 'S', '5', '_', 0x12, 0x06, 0x04, 0x01, 0x00, 0, 0}, true, 1, 0},
        S5Case{"RootPrefix", {0x08, '\\', '_', 'S', '5', '_', 0x12, 0x06, 0x04, 0x00, 0x01, 0, 0}, true, 0, 1},
        S5Case{"Bare", {0x08, '_', 'S', '5', '_', 0x12, 0x06, 0x04, 0x07, 0x03, 0, 0}, true, 7, 3},
        S5Case{"WordPrefix", {0x08, '_', 'S', '5', '_', 0x12, 0x06, 0x02, 0x0B, 0x06, 0x00, 0x01}, true, 6, 1},
        // Two-byte PkgLength: lead 0x40 | low nibble, then the next 8 bits.
        S5Case{"LongPkgLength", {0x08, '_', 'S', '5', '_', 0x12, 0x47, 0x00, 0x02, 0x0A, 0x02, 0x0A, 0x03}, true, 2, 3},
        // A reference to \_S5_ (not a NameOp) before the real definition is skipped.
        S5Case{"SkipsReference", {0x70, '_', 'S', '5', '_', 0x60, 0x08, '_', 'S', '5', '_', 0x12, 0x06, 0x04, 0x0A, 0x05, 0x0A, 0x05}, true, 5, 5},
        // Method(_S5_, 2, Serialized, 1) has flags byte 0x12, the PackageOp value.
        S5Case{"SkipsMethod", {0x14, 0x0C, '_', 'S', '5', '_', 0x12, 0x06, 0x04, 0x0A, 0x03, 0x0A, 0x03, 0xA4, 0x00, 0x08, '_', 'S', '5', '_', 0x12, 0x06, 0x04, 0x0A, 0x05, 0x0A, 0x06}, true, 5, 6},
        S5Case{"NotAPackage", {0x08, '_', 'S', '5', '_', 0x0A, 0x05}, false, 0, 0},
        S5Case{"OneElement", {0x08, '_', 'S', '5', '_', 0x12, 0x04, 0x01, 0x0A, 0x05}, false, 0, 0},
        S5Case{"ValueTooBig", {0x08, '_', 'S', '5', '_', 0x12, 0x05, 0x02, 0x0A, 0x08, 0x00}, false, 0, 0},
        S5Case{"OnesOp", {0x08, '_', 'S', '5', '_', 0x12, 0x04, 0x02, 0xFF, 0x00}, false, 0, 0},
        S5Case{"PackagePastTable", {0x08, '_', 'S', '5', '_', 0x12, 0x20, 0x04, 0x0A, 0x05, 0x0A, 0x05}, false, 0, 0},
        S5Case{"ElementPastPackage", {0x08, '_', 'S', '5', '_', 0x12, 0x04, 0x02, 0x0A, 0x05, 0x0A, 0x05}, false, 0, 0},
        S5Case{"CutAtTableEnd", {0x08, '_', 'S', '5', '_', 0x12, 0x06, 0x04, 0x0A}, false, 0, 0},
        S5Case{"Absent", {0x10, 0x05, '_', 'S', 'B', '_'}, false, 0, 0}),
    [](const testing::TestParamInfo<S5Case>& p) { return std::string(p.param.name); });

}  // namespace
