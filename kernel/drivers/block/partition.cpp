// SPDX-License-Identifier: MIT
#include "drivers/block/partition.h"

#include <new>

#include "core/log.h"
#include "drivers/block/partition_table.h"
#include "sync/mutex.h"

namespace {

constexpr usize kMaxPending = 32;
constexpr usize kMaxPartitions = 128;
constexpr usize kNameMax = 16;

class PartitionDevice final : public BlockDevice {
public:
    PartitionDevice(BlockDevice& disk, u64 start, u64 count) : m_disk(disk), m_start(start), m_count(count) {}
    u64 sector_count() const override { return m_count; }
    Result<void> read_sectors(u64 sector, u32 count, void* buf) override {
        if (sector > m_count || count > m_count - sector) return Error(EINVAL);
        return m_disk.read_sectors(m_start + sector, count, buf);
    }
    Result<void> write_sectors(u64 sector, u32 count, const void* buf) override {
        if (sector > m_count || count > m_count - sector) return Error(EINVAL);
        return m_disk.write_sectors(m_start + sector, count, buf);
    }
    Result<void> flush() override { return m_disk.flush(); }
    bool read_only() const override { return m_disk.read_only(); }
    BlockDevice& disk() const { return m_disk; }
    u64 start() const { return m_start; }

private:
    BlockDevice& m_disk;
    u64 m_start;
    u64 m_count;
};

struct Pending {
    BlockDevice* disk;
    u32 minors;
};

Mutex g_lock{"partitions"};
Pending g_pending[kMaxPending];
usize g_pending_count;
// Appended only (partitions are never removed), so readers may walk the first n without the lock.
PartitionDevice* g_parts[kMaxPartitions];
char g_names[kMaxPartitions][kNameMax];
usize g_part_count;

bool read_sector(void* ctx, u64 sector, u8* buf) {
    return static_cast<BlockDevice*>(ctx)->read_sectors(sector, 1, buf).is_ok();
}

// linux: disk_name(): "vda" + 1 = "vda1", "loop0" + 1 = "loop0p1".
void partition_name(const char* disk, u32 number, char* out) {
    usize n = 0;
    while (disk[n] && n < kNameMax - 6) {
        out[n] = disk[n];
        n++;
    }
    if (n && out[n - 1] >= '0' && out[n - 1] <= '9') out[n++] = 'p';
    char digits[4];
    usize d = 0;
    do {
        digits[d++] = static_cast<char>('0' + number % 10);
        number /= 10;
    } while (number && d < sizeof(digits));
    while (d) out[n++] = digits[--d];
    out[n] = '\0';
}

void scan(BlockDevice& disk, u32 minors) {
    PartitionEntry found[16];
    usize n = parse_partition_table(read_sector, &disk, disk.sector_count(), found, 16, minors);
    for (usize i = 0; i < n; i++) {
        usize slot;
        {
            MutexGuard g(g_lock);
            if (g_part_count == kMaxPartitions) return;
            slot = g_part_count;
        }
        auto* part = new (std::nothrow) PartitionDevice(disk, found[i].start, found[i].count);
        if (!part) return;
        partition_name(disk.name(), found[i].number, g_names[slot]);
        DevId dev = make_dev(dev_major(disk.devnum()), dev_minor(disk.devnum()) + found[i].number);
        auto r = block_register(*part, g_names[slot], dev);
        if (r.is_error()) {
            log_warn("%s: partition %u not registered (errno %d)", disk.name(), found[i].number, r.error_code());
            delete part;
            continue;
        }
        MutexGuard g(g_lock);
        g_parts[g_part_count++] = part;
    }
}

}  // namespace

void block_partitions_later(BlockDevice& disk, u32 minors) {
    MutexGuard g(g_lock);
    if (g_pending_count < kMaxPending) g_pending[g_pending_count++] = {&disk, minors};
}

void block_scan_partitions() {
    for (;;) {
        Pending p;
        {
            MutexGuard g(g_lock);
            if (!g_pending_count) return;
            p = g_pending[0];
            for (usize i = 1; i < g_pending_count; i++) g_pending[i - 1] = g_pending[i];
            g_pending_count--;
        }
        scan(*p.disk, p.minors);
    }
}

BlockDevice* block_partition_parent(const BlockDevice& dev) {
    usize n;
    {
        MutexGuard g(g_lock);
        n = g_part_count;
    }
    for (usize i = 0; i < n; i++)
        if (g_parts[i] == &dev) return &g_parts[i]->disk();
    return nullptr;
}

u64 block_partition_start(const BlockDevice& dev) {
    usize n;
    {
        MutexGuard g(g_lock);
        n = g_part_count;
    }
    for (usize i = 0; i < n; i++)
        if (g_parts[i] == &dev) return g_parts[i]->start();
    return 0;
}

void block_for_each_partition(const BlockDevice& disk, void (*fn)(void* ctx, BlockDevice& part), void* ctx) {
    usize n;
    {
        MutexGuard g(g_lock);
        n = g_part_count;
    }
    for (usize i = 0; i < n; i++)
        if (&g_parts[i]->disk() == &disk) fn(ctx, *g_parts[i]);
}
