// SPDX-License-Identifier: MIT
#include "drivers/block/block_file.h"

#include "abi/linux/uapi.h"
#include "drivers/block/block_device.h"
#include "drivers/block/block_file_internal.h"
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

Result<u8*> bounce() {
    if (!g_bounce) {
        g_bounce = static_cast<u8*>(kmalloc(kChunkBytes));
        if (!g_bounce) return Error(ENOMEM);
    }
    return g_bounce;
}

// Walks total bytes from offset through the bounce buffer a chunk at a time: step(first sector,
// sector count, byte offset in the first sector, bytes done so far, chunk bytes) does one chunk's
// I/O. A failure after some bytes makes the call short, as Linux's; before any, it is the error.
template <typename Step>
Result<usize> for_each_chunk(u64& offset, usize total, Step step) {
    usize done = 0;
    while (done < total) {
        u64 pos = offset + done;
        usize skip = pos % kSectorSize;
        usize n = min(total - done, kChunkBytes - skip);
        u32 sectors = static_cast<u32>((skip + n + kSectorSize - 1) / kSectorSize);
        Result<void> r = step(pos / kSectorSize, sectors, skip, done, n);
        if (r.is_error()) {
            if (done) break;
            return r.error();
        }
        done += n;
    }
    offset += done;
    return done;
}

class BlockFileOps final : public FileOps {
public:
    Result<usize> read(File& f, const IoBuffer& buf, u64& offset) override {
        BlockDevice& d = blockdev_of(f);
        u64 size = blockdev_bytes(d);
        if (offset >= size || buf.size() == 0) return usize(0);
        usize total = static_cast<usize>(min(u64(buf.size()), size - offset));
        MutexGuard g(g_io_lock);
        u8* b = TRY(bounce());
        return for_each_chunk(offset, total, [&](u64 first, u32 sectors, usize skip, usize done, usize n) -> Result<void> {
            TRY(d.read_sectors(first, sectors, b));
            if (buf.write_at(done, b + skip, n).is_error()) return Error(EFAULT);
            return {};
        });
    }

    Result<usize> write(File& f, const IoBuffer& buf, u64& offset) override {
        BlockDevice& d = blockdev_of(f);
        // linux: blkdev_write_iter(): read-only first, then an empty write, then the end.
        if (blockdev_read_only(d)) return Error(EPERM);
        if (buf.size() == 0) return usize(0);
        u64 size = blockdev_bytes(d);
        if (offset >= size) return Error(ENOSPC);
        usize total = static_cast<usize>(min(u64(buf.size()), size - offset));
        MutexGuard g(g_io_lock);
        u8* b = TRY(bounce());
        return for_each_chunk(offset, total, [&](u64 first, u32 sectors, usize skip, usize done, usize n) -> Result<void> {
            // Partial first or last sector: the bytes around the write come from the device.
            if (skip) TRY(d.read_sectors(first, 1, b));
            usize tail = (skip + n) % kSectorSize;
            if (tail && (sectors > 1 || !skip))
                TRY(d.read_sectors(first + sectors - 1, 1, b + usize(sectors - 1) * kSectorSize));
            if (buf.read_at(done, b + skip, n).is_error()) return Error(EFAULT);
            return d.write_sectors(first, sectors, b);
        });
    }

    Result<u64> lseek(File& f, u64 current, i64 offset, int whence) override {
        // linux: fixed_size_llseek(): SEEK_SET/CUR/END only, and the device size is also the
        // largest position.
        if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END) return Error(EINVAL);
        u64 size = blockdev_bytes(blockdev_of(f));
        u64 pos = TRY(generic_llseek(current, offset, whence, size));
        if (pos > size) return Error(EINVAL);
        return pos;
    }

    bool positional() const override { return true; }

    Result<long> ioctl(File& f, unsigned cmd, uptr arg) override { return blockdev_ioctl(f, cmd, arg); }
    void release(File& f) override { static_cast<BlockDevice*>(f.private_data)->release(); }
};

constinit BlockFileOps g_ops;

}  // namespace

Result<void> blockdev_open(File& file, DevId dev) {
    BlockDevice* d = block_find_by_dev(dev);
    if (!d) return Error(ENXIO);
    TRY(d->open());   // a removed loop device refuses; autoclear counts the users
    file.private_data = d;
    file.set_ops(g_ops);
    return {};
}

Result<void> blockdev_zero(BlockDevice& d, u64 first, u64 count) {
    MutexGuard g(g_io_lock);
    u8* b = TRY(bounce());
    __builtin_memset(b, 0, kChunkBytes);
    while (count) {
        u32 n = static_cast<u32>(min(count, u64(kChunkSectors)));
        TRY(d.write_sectors(first, n, b));
        first += n;
        count -= n;
    }
    return {};
}

Result<void> blockdev_fsync(File& file) { return blockdev_of(file).flush(); }

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
