// SPDX-License-Identifier: MIT
#include "drivers/block/partition_table.h"

namespace {

constexpr u32 kSector = 512;
constexpr u8 kTypeGptProtective = 0xEE;
constexpr usize kMbrTable = 446;
constexpr u32 kMaxLogical = 64;   // EBR chain length limit (a loop in the chain must end)

u32 le32(const u8* p) { return u32(p[0]) | (u32(p[1]) << 8) | (u32(p[2]) << 16) | (u32(p[3]) << 24); }
u64 le64(const u8* p) { return u64(le32(p)) | (u64(le32(p + 4)) << 32); }

// IEEE 802.3 CRC-32 (reflected, as the UEFI spec's GPT checksums).
u32 crc32(const u8* p, usize n, u32 crc = 0) {
    crc = ~crc;
    for (usize i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
    }
    return ~crc;
}

struct Collector {
    PartitionEntry* out;
    usize max;
    u32 max_number;
    u64 disk;
    usize n = 0;

    // linux: blk_add_partition(): nothing past the end, cut at the end.
    void put(u32 number, u64 start, u64 count) {
        if (!count || number == 0 || number >= max_number || n == max) return;
        if (start >= disk) return;
        if (count > disk - start) count = disk - start;
        out[n++] = {number, start, count};
    }
};

bool mbr_signature(const u8* s) { return s[510] == 0x55 && s[511] == 0xAA; }
const u8* mbr_slot(const u8* s, unsigned i) { return s + kMbrTable + 16 * i; }
bool is_extended(u8 type) { return type == 0x05 || type == 0x0F || type == 0x85; }

// linux: efi.c is_pmbr_valid(): an MS-DOS signature and a protective (0xEE) slot.
bool protective_mbr(const u8* s) {
    if (!mbr_signature(s)) return false;
    for (unsigned i = 0; i < 4; i++)
        if (mbr_slot(s, i)[4] == kTypeGptProtective) return true;
    return false;
}

// A GPT header at `lba` that checks out (signature, header CRC, its own LBA, entry CRC), then its
// partitions. linux: efi.c is_gpt_valid() and efi_partition().
bool parse_gpt_at(SectorReader read, void* ctx, u64 lba, Collector& c) {
    u8 h[kSector];
    if (!read(ctx, lba, h)) return false;
    if (__builtin_memcmp(h, "EFI PART", 8) != 0) return false;
    u32 header_size = le32(h + 12);
    if (header_size < 92 || header_size > kSector) return false;
    u32 want = le32(h + 16);
    u8 copy[kSector];
    __builtin_memcpy(copy, h, header_size);
    __builtin_memset(copy + 16, 0, 4);
    if (crc32(copy, header_size) != want) return false;
    if (le64(h + 24) != lba) return false;
    u64 last_lba = c.disk - 1;
    u64 entries_lba = le64(h + 72);
    u32 count = le32(h + 80);
    u32 entry_size = le32(h + 84);
    if (entry_size < 128 || entry_size > kSector || kSector % entry_size || count > 1024) return false;
    // The entry array's CRC covers count * entry_size bytes, read a sector at a time.
    u32 crc = 0;
    u64 bytes = u64(count) * entry_size;
    u8 s[kSector];
    Collector found = c;
    for (u64 off = 0; off < bytes; off += kSector) {
        if (!read(ctx, entries_lba + off / kSector, s)) return false;
        usize len = bytes - off < kSector ? static_cast<usize>(bytes - off) : kSector;
        crc = crc32(s, len, crc);
        for (usize e = 0; e < len; e += entry_size) {
            const u8* p = s + e;
            bool used = false;
            for (int k = 0; k < 16; k++) used |= p[k] != 0;
            u64 first = le64(p + 32), last = le64(p + 40);
            // linux: is_pte_valid(): used, and inside the disk.
            if (!used || first > last || last > last_lba) continue;
            found.put(static_cast<u32>((off + e) / entry_size + 1), first, last - first + 1);
        }
    }
    if (crc != le32(h + 88)) return false;
    c = found;
    return true;
}

void parse_logical(SectorReader read, void* ctx, u64 ext_start, u64 ext_count, Collector& c) {
    u64 ebr = ext_start;
    u32 number = 5;
    u8 s[kSector];
    for (u32 hops = 0; hops < kMaxLogical && number < c.max_number; hops++) {
        if (!read(ctx, ebr, s) || !mbr_signature(s)) return;
        u64 next = 0;
        // linux: parse_extended(): data slots are relative to this EBR, the link to the extended
        // partition's start; only the first two slots are trusted.
        for (unsigned i = 0; i < 2; i++) {
            const u8* p = mbr_slot(s, i);
            u64 start = le32(p + 8), count = le32(p + 12);
            if (!count) continue;
            if (is_extended(p[4])) {
                if (!next) next = ext_start + start;
                continue;
            }
            c.put(number++, ebr + start, count);
        }
        if (!next || next <= ebr || next >= ext_start + ext_count) return;
        ebr = next;
    }
}

}  // namespace

usize parse_partition_table(SectorReader read, void* ctx, u64 disk_sectors, PartitionEntry* out, usize max,
                            u32 max_number) {
    Collector c{out, max, max_number, disk_sectors};
    u8 mbr[kSector];
    if (disk_sectors == 0 || !read(ctx, 0, mbr)) return 0;
    if (protective_mbr(mbr)) {
        // The primary header, else the backup in the last sector.
        if (parse_gpt_at(read, ctx, 1, c) || parse_gpt_at(read, ctx, disk_sectors - 1, c)) return c.n;
        return 0;   // linux: a broken GPT is not read as an MS-DOS table either
    }
    if (!mbr_signature(mbr)) return 0;
    // linux: msdos_partition(): every boot indicator must be 0 or 0x80, or this is no table
    // (a FAT boot sector, say).
    for (unsigned i = 0; i < 4; i++) {
        u8 boot = mbr_slot(mbr, i)[0];
        if (boot != 0 && boot != 0x80) return 0;
    }
    struct Ext {
        u64 start, count;
    } ext[4];
    unsigned ext_n = 0;
    for (unsigned i = 0; i < 4; i++) {
        const u8* p = mbr_slot(mbr, i);
        u64 start = le32(p + 8), count = le32(p + 12);
        if (!count) continue;
        if (is_extended(p[4])) {
            // Shown as its first two sectors (room for a boot loader, too small for a file system).
            c.put(i + 1, start, count < 2 ? count : 2);
            ext[ext_n++] = {start, count};
            continue;
        }
        c.put(i + 1, start, count);
    }
    for (unsigned i = 0; i < ext_n; i++) parse_logical(read, ctx, ext[i].start, ext[i].count, c);
    return c.n;
}
