// SPDX-License-Identifier: MIT
// A block device as file systems and /dev see it: whole 512-byte sectors read and written
// synchronously (the caller sleeps until the device is done), and a flush that returns only once
// everything written before it is on stable storage (fsync and sync rely on that).
// Drivers (virtio-blk, the RAM disk of the ktests) implement it and register each device by name;
// file systems find theirs by the /dev name or device number mount(2) gives them.
#pragma once

#include "fs/vfs/dev.h"
#include "lib/result.h"
#include "lib/string_view.h"
#include "lib/types.h"

constexpr u32 kSectorSize = 512;

class File;

class BlockDevice {
public:
    virtual ~BlockDevice() = default;
    // Device size in 512-byte sectors.
    virtual u64 sector_count() const = 0;
    // count sectors from sector, into/from a kernel buffer (any alignment, count * 512 bytes).
    // EINVAL past the end, EIO when the device reports an error, EROFS when written read-only.
    virtual Result<void> read_sectors(u64 sector, u32 count, void* buf) = 0;
    virtual Result<void> write_sectors(u64 sector, u32 count, const void* buf) = 0;
    virtual Result<void> flush() = 0;
    virtual bool read_only() const { return false; }
    // A mounted file system starts / stops using the device (linux: block_device_operations
    // open and release): a loop device is cleared on its last release when LO_FLAGS_AUTOCLEAR
    // is set. Default: nothing to track.
    virtual Result<void> open() { return {}; }
    virtual void release() {}
    // ioctl(2) on the device's block special file f, for requests the generic block layer does
    // not handle itself (the loop device's LOOP_*). Default: ENOTTY.
    virtual Result<long> ioctl(File& f, unsigned cmd, uptr arg) {
        (void)f;
        (void)cmd;
        (void)arg;
        return Error(ENOTTY);
    }

    const char* name() const { return m_name; }   // "vda", "vdb", "ram0"...
    DevId devnum() const { return m_dev; }

private:
    friend Result<void> block_register(BlockDevice& dev, const char* name, DevId devnum);
    const char* m_name = nullptr;
    DevId m_dev = 0;
};

// Records a device (static lifetime: block devices are never removed) and creates /dev/<name>
// as a block special file (mode 0660, root:disk as Linux's udev leaves it). EEXIST for a name
// or number already taken.
Result<void> block_register(BlockDevice& dev, const char* name, DevId devnum);
BlockDevice* block_find_by_dev(DevId dev);
BlockDevice* block_find_by_name(StringView name);
// For /proc/partitions and the like: every registered device in registration order.
void block_for_each(void (*fn)(void* ctx, BlockDevice& dev), void* ctx);
