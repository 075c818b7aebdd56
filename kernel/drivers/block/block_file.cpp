// SPDX-License-Identifier: MIT
#include "drivers/block/block_file.h"

#include "abi/linux/uapi.h"
#include "core/credentials.h"
#include "core/process.h"
#include "abi/linux/block_abi.h"
#include "drivers/block/block_device.h"
#include "drivers/block/block_geometry.h"
#include "drivers/block/partition.h"
#include "mm/kheap.h"
#include "sync/mutex.h"

namespace {

// Sectors moved per device request through the bounce buffer.
constexpr u32 kChunkSectors = 128;
constexpr usize kChunkBytes = usize(kChunkSectors) * kSectorSize;

// Serialises the read-modify-write of partial sectors (two writers patching the same sector
// must not lose each other's bytes) and guards the shared bounce buffer.
Mutex g_io_lock{"blockdev-io"};
u8* g_bounce;

BlockDevice& device_of(File& f) { return *static_cast<BlockDevice*>(f.private_data); }

// BLKROSET's software write protection, per device (linux: bd_read_only). Set on a whole disk
// it covers the disk's partitions too (get_disk_ro).
constexpr usize kMaxReadOnly = 32;
Mutex g_ro_lock{"blockdev-ro"};
const BlockDevice* g_ro_set[kMaxReadOnly];

bool ro_policy(const BlockDevice& d) {
    MutexGuard g(g_ro_lock);
    for (const BlockDevice* p : g_ro_set)
        if (p == &d) return true;
    return false;
}

Result<void> set_ro_policy(const BlockDevice& d, bool on) {
    MutexGuard g(g_ro_lock);
    const BlockDevice** free_slot = nullptr;
    for (const BlockDevice*& p : g_ro_set) {
        if (p == &d) {
            if (!on) p = nullptr;
            return {};
        }
        if (!p && !free_slot) free_slot = &p;
    }
    if (!on) return {};
    if (!free_slot) return Error(ENOMEM);
    *free_slot = &d;
    return {};
}

bool read_only(const BlockDevice& d) {
    if (d.read_only() || ro_policy(d)) return true;
    const BlockDevice* disk = block_partition_parent(d);
    return disk && ro_policy(*disk);
}
u64 size_of(BlockDevice& d) { return d.sector_count() * kSectorSize; }

Result<u8*> bounce() {
    if (!g_bounce) {
        g_bounce = static_cast<u8*>(kmalloc(kChunkBytes));
        if (!g_bounce) return Error(ENOMEM);
    }
    return g_bounce;
}

class BlockFileOps final : public FileOps {
public:
    Result<usize> read(File& f, const IoBuffer& buf, u64& offset) override {
        BlockDevice& d = device_of(f);
        u64 size = size_of(d);
        if (offset >= size || buf.size() == 0) return usize(0);
        usize total = static_cast<usize>(min(u64(buf.size()), size - offset));
        MutexGuard g(g_io_lock);
        u8* b = TRY(bounce());
        usize done = 0;
        while (done < total) {
            u64 pos = offset + done;
            u64 first = pos / kSectorSize;
            usize skip = pos % kSectorSize;
            usize n = min(total - done, kChunkBytes - skip);
            u32 sectors = static_cast<u32>((skip + n + kSectorSize - 1) / kSectorSize);
            auto r = d.read_sectors(first, sectors, b);
            if (r.is_error()) {
                if (done) break;
                return Error(r.error_code());
            }
            if (buf.write_at(done, b + skip, n).is_error()) {
                if (done) break;
                return Error(EFAULT);
            }
            done += n;
        }
        offset += done;
        return done;
    }

    Result<usize> write(File& f, const IoBuffer& buf, u64& offset) override {
        BlockDevice& d = device_of(f);
        // linux: blkdev_write_iter(): read-only first, then an empty write, then the end.
        if (read_only(d)) return Error(EPERM);
        if (buf.size() == 0) return usize(0);
        u64 size = size_of(d);
        if (offset >= size) return Error(ENOSPC);
        usize total = static_cast<usize>(min(u64(buf.size()), size - offset));
        MutexGuard g(g_io_lock);
        u8* b = TRY(bounce());
        usize done = 0;
        while (done < total) {
            u64 pos = offset + done;
            u64 first = pos / kSectorSize;
            usize skip = pos % kSectorSize;
            usize n = min(total - done, kChunkBytes - skip);
            u32 sectors = static_cast<u32>((skip + n + kSectorSize - 1) / kSectorSize);
            // Partial first or last sector: the bytes around the write come from the device.
            Result<void> r = {};
            if (skip) r = d.read_sectors(first, 1, b);
            usize tail = (skip + n) % kSectorSize;
            if (r.is_ok() && tail && (sectors > 1 || !skip))
                r = d.read_sectors(first + sectors - 1, 1, b + usize(sectors - 1) * kSectorSize);
            if (r.is_ok() && buf.read_at(done, b + skip, n).is_error()) r = Error(EFAULT);
            if (r.is_ok()) r = d.write_sectors(first, sectors, b);
            if (r.is_error()) {
                if (done) break;
                return Error(r.error_code());
            }
            done += n;
        }
        offset += done;
        return done;
    }

    Result<u64> lseek(File& f, u64 current, i64 offset, int whence) override {
        // linux: fixed_size_llseek(): SEEK_SET/CUR/END only, and the device size is also the
        // largest position.
        if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END) return Error(EINVAL);
        u64 size = size_of(device_of(f));
        u64 pos = TRY(generic_llseek(current, offset, whence, size));
        if (pos > size) return Error(EINVAL);
        return pos;
    }

    bool positional() const override { return true; }

    Result<long> ioctl(File& f, unsigned cmd, uptr arg) override;
};

// linux: blk_ioctl_zeroout()/blk_ioctl_discard(): a byte range {start, length} of whole sectors
// inside the device, on a file open for writing.
struct SectorRange {
    u64 first;
    u64 count;
};

Result<SectorRange> user_range(File& f, uptr arg, bool zeroout) {
    if (!f.writable()) return Error(EBADF);
    u64 range[2];
    TRY(copy_from_user(range, arg, sizeof(range)));
    u64 start = range[0], len = range[1];
    if ((start | len) % kSectorSize) return Error(EINVAL);
    u64 size = size_of(device_of(f));
    if (zeroout) {
        u64 end = start + len - 1;   // wraps for len 0 at start 0, as Linux's check
        if (end >= size || end < start) return Error(EINVAL);
    } else if (start + len > size || start + len < start) {
        return Error(EINVAL);
    }
    return SectorRange{start / kSectorSize, len / kSectorSize};
}

Result<void> zero_sectors(BlockDevice& d, SectorRange r) {
    MutexGuard g(g_io_lock);
    u8* b = TRY(bounce());
    __builtin_memset(b, 0, kChunkBytes);
    while (r.count) {
        u32 n = static_cast<u32>(min(r.count, u64(kChunkSectors)));
        TRY(d.write_sectors(r.first, n, b));
        r.first += n;
        r.count -= n;
    }
    return {};
}

template <typename T>
Result<long> put(uptr arg, T value) {
    TRY(copy_to_user(arg, &value, sizeof(value)));
    return 0l;
}

Result<long> BlockFileOps::ioctl(File& f, unsigned cmd, uptr arg) {
    BlockDevice& d = device_of(f);
    switch (cmd) {
    case BLKGETSIZE64:
        return put<u64>(arg, size_of(d));
    case BLKGETSIZE:
        return put<unsigned long>(arg, d.sector_count());
    case BLKSSZGET:
        return put<int>(arg, kSectorSize);
    case BLKPBSZGET:
        // LINUX-DIVERGENCE: the physical block size is not read from the device's topology
        // (VIRTIO_BLK_F_TOPOLOGY); QEMU's default is the logical size, 512.
        return put<unsigned>(arg, kSectorSize);
    case BLKBSZGET: {
        // linux: set_init_blocksize(): the largest power of two up to a page dividing the size.
        u64 size = size_of(d);
        u32 bs = kSectorSize;
        while (bs < kPageSize && !(size & bs)) bs <<= 1;
        return put<int>(arg, static_cast<int>(bs));
    }
    case BLKRAGET:
    case BLKFRAGET:
        // linux: read-ahead in sectors; the block layer's default window, 128 KiB.
        return put<unsigned long>(arg, 128 * 1024 / kSectorSize);
    case HDIO_GETGEO: {
        // linux: blkdev_getgeo(): a NULL pointer is EINVAL, a driver without geometry ENOTTY.
        if (!arg) return Error(EINVAL);
        BlockGeometry g;
        if (!block_geometry(d, g)) return Error(ENOTTY);
        hd_geometry out{};
        out.heads = g.heads;
        out.sectors = g.sectors;
        out.cylinders = g.cylinders;
        out.start = block_partition_start(d);
        return put<hd_geometry>(arg, out);
    }
    case BLKROSET: {
        // linux: blkdev_roset().
        if (!current_process()->creds.has_cap(CAP_SYS_ADMIN)) return Error(EACCES);
        int on;
        TRY(copy_from_user(&on, arg, sizeof(on)));
        TRY(set_ro_policy(d, on != 0));
        return 0l;
    }
    case BLKROGET:
        return put<int>(arg, read_only(d) ? 1 : 0);
    case BLKZEROOUT: {
        // linux: the range first; a read-only disk refuses the writes (blkdev_issue_zeroout).
        SectorRange r = TRY(user_range(f, arg, true));
        if (read_only(d)) return Error(EPERM);
        TRY(zero_sectors(d, r));
        return 0l;
    }
    case BLKDISCARD: {
        // LINUX-DIVERGENCE: discard is advice; the range is checked as Linux does and then left
        // alone (QEMU ignores discards by default too, so the data reads back the same).
        SectorRange r = TRY(user_range(f, arg, false));
        // linux: __blkdev_issue_discard(): read-only before an empty range.
        if (read_only(d)) return Error(EPERM);
        if (!r.count) return Error(EINVAL);
        return 0l;
    }
    case BLKSECDISCARD:
        // linux: no secure erase without VIRTIO_BLK_F_SECURE_ERASE (QEMU does not offer it).
        if (!f.writable()) return Error(EBADF);
        return Error(EOPNOTSUPP);
    case BLKFLSBUF:
        // linux: blkdev_flushbuf(): CAP_SYS_ADMIN, then write back and drop the cache.
        if (!current_process()->creds.has_cap(CAP_SYS_ADMIN)) return Error(EACCES);
        TRY(d.flush());
        return 0l;
    case BLKRRPART:
        // linux: blkdev_reread_part(). LINUX-DIVERGENCE: the table is read once, at boot;
        // a re-read changes nothing (partitions are never removed or moved).
        if (!current_process()->creds.has_cap(CAP_SYS_ADMIN)) return Error(EACCES);
        if (block_partition_parent(d)) return Error(EINVAL);
        return 0l;
    default:
        return Error(ENOTTY);
    }
}

constinit BlockFileOps g_ops;

}  // namespace

Result<void> blockdev_open(File& file, DevId dev) {
    BlockDevice* d = block_find_by_dev(dev);
    if (!d) return Error(ENXIO);
    file.private_data = d;
    file.set_ops(g_ops);
    return {};
}

Result<void> blockdev_fsync(File& file) { return device_of(file).flush(); }

Result<void> block_sync_all() {
    struct Ctx {
        int error = 0;
    } ctx;
    block_for_each(
        [](void* c, BlockDevice& d) {
            auto r = d.flush();
            auto* x = static_cast<Ctx*>(c);
            if (r.is_error() && !x->error) x->error = r.error_code();
        },
        &ctx);
    if (ctx.error) return Error(ctx.error);
    return {};
}
