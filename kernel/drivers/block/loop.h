// SPDX-License-Identifier: MIT
// Loop devices (/dev/loopN, block major 7): a block device whose sectors are a file's bytes,
// read and written through the VFS, and /dev/loop-control (misc 10:237) to find, add and remove
// them. The ioctls are Linux 6.1's (linux: drivers/block/loop.c) with the UAPI's numbers and
// structures; eight devices exist from boot (max_loop's default).
#pragma once

#include "drivers/block/block_device.h"
#include "fs/vfs/file.h"

class LoopDevice final : public BlockDevice {
public:
    explicit LoopDevice(u32 number) : m_number(number) {}
    u64 sector_count() const override;
    Result<void> read_sectors(u64 sector, u32 count, void* buf) override;
    Result<void> write_sectors(u64 sector, u32 count, const void* buf) override;
    Result<void> flush() override;
    bool read_only() const override;
    Result<void> open() override;
    void release() override;
    Result<long> ioctl(File& f, unsigned cmd, uptr arg) override;

    u32 number() const { return m_number; }
    bool bound();
    bool removed();
    // LOOP_CTL_REMOVE: EBUSY while bound or open.
    Result<void> remove();
    void revive();

private:
    Result<long> set_fd(File& dev_file, int fd, const loop_config* config);
    Result<long> clear_fd();
    Result<long> get_status(uptr arg);
    Result<long> set_status(uptr arg);
    Result<void> apply_info(const loop_info64& info, bool configure);
    // The device size from the backing file's size, the offset and the size limit.
    void update_size();
    Result<void> io(u64 sector, u32 count, void* buf, bool write);
    void detach_locked();

    u32 m_number;
public:
    char dev_name[16] = {};   // "loopN", the registry's name for the device
private:
    Mutex m_lock{"loop"};
    RefPtr<File> m_backing;
    u64 m_offset = 0, m_sizelimit = 0;
    u32 m_flags = 0;
    u32 m_block_size = 512;
    std::atomic<u64> m_sectors{0};
    u32 m_openers = 0;
    bool m_removed = false;
    char m_file_name[LO_NAME_SIZE] = {};
    u8 m_crypt_name[LO_NAME_SIZE] = {};
};

// The device with that number, created (and registered as /dev/loopN) when create is set.
// EEXIST when create_only and it exists.
Result<LoopDevice*> loop_get(u32 number, bool create, bool create_only = false);
// Boot: loop0..7 and /dev/loop-control.
void loop_init();
