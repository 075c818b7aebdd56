// SPDX-License-Identifier: MIT
// The ioctls of block special files (linux: block/ioctl.c blkdev_ioctl, behaviour only) and the
// BLKROSET write protection they set.
#include "abi/linux/block_abi.h"
#include "abi/linux/uapi.h"
#include "core/credentials.h"
#include "core/process.h"
#include "drivers/block/block_file_internal.h"
#include "drivers/block/block_geometry.h"
#include "drivers/block/partition.h"
#include "sync/mutex.h"

namespace {

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

}  // namespace

bool blockdev_read_only(const BlockDevice& d) {
    if (d.read_only() || ro_policy(d)) return true;
    const BlockDevice* disk = block_partition_parent(d);
    return disk && ro_policy(*disk);
}

namespace {

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
    u64 size = blockdev_bytes(blockdev_of(f));
    if (zeroout) {
        u64 end = start + len - 1;   // wraps for len 0 at start 0, as Linux's check
        if (end >= size || end < start) return Error(EINVAL);
    } else if (start + len > size || start + len < start) {
        return Error(EINVAL);
    }
    return SectorRange{start / kSectorSize, len / kSectorSize};
}

template <typename T>
Result<long> put(uptr arg, T value) {
    TRY(copy_to_user(arg, &value, sizeof(value)));
    return 0l;
}

}  // namespace

Result<long> blockdev_ioctl(File& f, unsigned cmd, uptr arg) {
    BlockDevice& d = blockdev_of(f);
    switch (cmd) {
    case BLKGETSIZE64:
        return put<u64>(arg, blockdev_bytes(d));
    case BLKGETSIZE:
        return put<unsigned long>(arg, d.sector_count());
    case BLKSSZGET:
        return put<int>(arg, kSectorSize);
    case BLKPBSZGET:
        // LINUX-DIVERGENCE: the physical block size is not read from the device's topology
        // (VIRTIO_BLK_F_TOPOLOGY); QEMU's default is the logical size, 512.
        return put<unsigned>(arg, kSectorSize);
    // The I/O topology (linux: queue limits): QEMU's defaults give no optimal size and no
    // alignment offset; the block layer caps requests at BLK_DEF_MAX_SECTORS (2560).
    case BLKIOMIN:
        return put<unsigned>(arg, kSectorSize);
    case BLKIOOPT:
        return put<unsigned>(arg, 0);
    case BLKALIGNOFF:
        return put<int>(arg, 0);
    case BLKDISCARDZEROES:
        return put<unsigned>(arg, 0);
    case BLKSECTGET:
        return put<unsigned short>(arg, 2560);
    case BLKBSZGET: {
        // linux: set_init_blocksize(): the largest power of two up to a page dividing the size.
        u64 size = blockdev_bytes(d);
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
        return put<int>(arg, blockdev_read_only(d) ? 1 : 0);
    case BLKZEROOUT: {
        // linux: the range first; a read-only disk refuses the writes (blkdev_issue_zeroout).
        SectorRange r = TRY(user_range(f, arg, true));
        if (blockdev_read_only(d)) return Error(EPERM);
        TRY(blockdev_zero(d, r.first, r.count));
        return 0l;
    }
    case BLKDISCARD: {
        // LINUX-DIVERGENCE: discard is advice; the range is checked as Linux does and then left
        // alone (QEMU ignores discards by default too, so the data reads back the same).
        SectorRange r = TRY(user_range(f, arg, false));
        // linux: __blkdev_issue_discard(): read-only before an empty range.
        if (blockdev_read_only(d)) return Error(EPERM);
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
        return d.ioctl(f, cmd, arg);   // the device's own (LOOP_*), else ENOTTY
    }
}
