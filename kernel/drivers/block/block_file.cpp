// SPDX-License-Identifier: MIT
// Opening a block special file: read/write/lseek over the device's sectors (a bounce page,
// read-modify-write for partial sectors), the generic BLK* ioctls, and the device's own
// ioctls (LOOP_*) for the rest. The device counts the open (BlockDevice::open/release).
#include "drivers/block/block_file.h"

#include "abi/linux/uapi.h"
#include "arch/paging.h"
#include "mm/kheap.h"
#include "mm/user_ptr.h"

namespace {

BlockDevice& dev_of(File& f) { return *static_cast<BlockDevice*>(f.private_data); }

class BlockFileOps final : public FileOps {
public:
    constexpr BlockFileOps() = default;
    bool positional() const override { return true; }

    Result<usize> read(File& f, const IoBuffer& buf, u64& offset) override {
        return transfer(f, buf, offset, false);
    }
    Result<usize> write(File& f, const IoBuffer& buf, u64& offset) override {
        return transfer(f, buf, offset, true);
    }
    Result<u64> lseek(File& f, u64 current, i64 offset, int whence) override {
        return generic_llseek(current, offset, whence, dev_of(f).sector_count() * kSectorSize);
    }
    Result<long> ioctl(File& f, unsigned cmd, uptr arg) override {
        BlockDevice& d = dev_of(f);
        switch (cmd) {
        case BLKGETSIZE64: {
            u64 bytes = d.sector_count() * kSectorSize;
            TRY(copy_to_user(arg, &bytes, sizeof(bytes)));
            return 0;
        }
        case BLKGETSIZE: {
            unsigned long sectors = d.sector_count();
            TRY(copy_to_user(arg, &sectors, sizeof(sectors)));
            return 0;
        }
        case BLKSSZGET: {
            int size = kSectorSize;
            TRY(copy_to_user(arg, &size, sizeof(size)));
            return 0;
        }
        case BLKROGET: {
            int ro = d.read_only() ? 1 : 0;
            TRY(copy_to_user(arg, &ro, sizeof(ro)));
            return 0;
        }
        case BLKFLSBUF:
            TRY(d.flush());
            return 0;
        default:
            return d.ioctl(f, cmd, arg);
        }
    }
    void release(File& f) override { dev_of(f).release(); }

private:
    static Result<usize> transfer(File& f, const IoBuffer& buf, u64& offset, bool write) {
        BlockDevice& d = dev_of(f);
        u64 size = d.sector_count() * kSectorSize;
        if (write && d.read_only()) return Error(EPERM);   // linux: blkdev_write_iter on a read-only disk
        if (offset >= size) {
            if (write && buf.size()) return Error(ENOSPC);
            return usize(0);
        }
        usize n = static_cast<usize>(min<u64>(buf.size(), size - offset));
        auto* bounce = static_cast<u8*>(kmalloc(kPageSize));
        if (!bounce) return Error(ENOMEM);
        usize done = 0;
        Result<void> r;
        while (done < n && r.is_ok()) {
            u64 pos = offset + done;
            u64 first = pos / kSectorSize;
            usize in = static_cast<usize>(pos % kSectorSize);
            usize chunk = min<usize>(kPageSize - in, n - done);
            u32 sectors = static_cast<u32>(align_up(in + chunk, kSectorSize) / kSectorSize);
            if (!write || in || chunk % kSectorSize) r = d.read_sectors(first, sectors, bounce);
            if (r.is_error()) break;
            if (write) {
                r = buf.read_at(done, bounce + in, chunk);
                if (r.is_ok()) r = d.write_sectors(first, sectors, bounce);
            } else {
                r = buf.write_at(done, bounce + in, chunk);
            }
            if (r.is_ok()) done += chunk;
        }
        kfree(bounce);
        if (done == 0 && r.is_error()) return r.error();
        offset += done;
        return done;
    }
};

constinit BlockFileOps g_block_file_ops;

}  // namespace

Result<void> block_file_open(File& file, DevId dev) {
    BlockDevice* d = block_find_by_dev(dev);
    if (!d) return Error(ENXIO);
    TRY(d->open());
    file.private_data = d;
    file.set_ops(g_block_file_ops);
    return {};
}
