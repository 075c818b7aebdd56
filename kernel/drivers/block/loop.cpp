// SPDX-License-Identifier: MIT
// Loop devices: sector I/O through the backing File (kernel buffers, positional), and the
// LOOP_* ioctls of Linux 6.1.
#include "drivers/block/loop.h"

#include "abi/linux/uapi.h"
#include "core/log.h"
#include "mm/user_ptr.h"
#include "syscalls/fs_common.h"

namespace {
constexpr u64 kMaxOffset = 0x7fffffffffffffffull;   // LLONG_MAX: larger is EOVERFLOW
}

u64 LoopDevice::sector_count() const { return m_sectors.load(std::memory_order_relaxed); }

bool LoopDevice::read_only() const { return m_flags & LO_FLAGS_READ_ONLY; }

bool LoopDevice::bound() {
    MutexGuard g(m_lock);
    return m_backing.ptr() != nullptr;
}

bool LoopDevice::removed() {
    MutexGuard g(m_lock);
    return m_removed;
}

void LoopDevice::revive() {
    MutexGuard g(m_lock);
    m_removed = false;
}

Result<void> LoopDevice::remove() {
    MutexGuard g(m_lock);
    if (m_backing || m_openers) return Error(EBUSY);
    m_removed = true;
    return {};
}

Result<void> LoopDevice::open() {
    MutexGuard g(m_lock);
    if (m_removed) return Error(ENXIO);
    m_openers++;
    return {};
}

void LoopDevice::release() {
    MutexGuard g(m_lock);
    if (m_openers) m_openers--;
    // linux: lo_release(): the last closer of an autoclear device detaches it.
    if (m_openers == 0 && m_backing && (m_flags & LO_FLAGS_AUTOCLEAR)) detach_locked();
}

void LoopDevice::update_size() {
    u64 size = m_backing ? m_backing->inode().size() : 0;
    size = size > m_offset ? size - m_offset : 0;
    if (m_sizelimit && m_sizelimit < size) size = m_sizelimit;
    m_sectors.store(size / kSectorSize, std::memory_order_relaxed);
}

Result<void> LoopDevice::io(u64 sector, u32 count, void* buf, bool write) {
    RefPtr<File> backing;
    u64 offset;
    {
        MutexGuard g(m_lock);
        if (!m_backing) return Error(EIO);
        if (write && (m_flags & LO_FLAGS_READ_ONLY)) return Error(EROFS);
        if (sector > sector_count() || count > sector_count() - sector) return Error(EINVAL);
        backing = m_backing;
        offset = m_offset;
    }
    u64 pos = offset + sector * kSectorSize;
    usize len = usize(count) * kSectorSize, done = 0;
    while (done < len) {
        IoBuffer b = IoBuffer::kernel(static_cast<u8*>(buf) + done, len - done);
        Result<usize> r = write ? backing->pwrite(b, pos + done) : backing->pread(b, pos + done);
        if (r.is_error()) return Error(EIO);
        if (r.value() == 0) {
            if (write) return Error(EIO);
            // Past the end of the backing file: zeros, as Linux's loop reads.
            __builtin_memset(static_cast<u8*>(buf) + done, 0, len - done);
            break;
        }
        done += r.value();
    }
    return {};
}

Result<void> LoopDevice::read_sectors(u64 sector, u32 count, void* buf) { return io(sector, count, buf, false); }

Result<void> LoopDevice::write_sectors(u64 sector, u32 count, const void* buf) {
    return io(sector, count, const_cast<void*>(buf), true);
}

Result<void> LoopDevice::flush() {
    RefPtr<File> backing;
    {
        MutexGuard g(m_lock);
        backing = m_backing;
    }
    if (!backing) return {};
    return backing->inode().fsync(false);
}

void LoopDevice::detach_locked() {
    m_backing = nullptr;
    m_offset = m_sizelimit = 0;
    m_flags = 0;
    m_block_size = 512;
    __builtin_memset(m_file_name, 0, sizeof(m_file_name));
    __builtin_memset(m_crypt_name, 0, sizeof(m_crypt_name));
    update_size();
}

Result<void> LoopDevice::apply_info(const loop_info64& info, bool configure) {
    if (info.lo_encrypt_key_size > LO_KEY_SIZE) return Error(EINVAL);
    if (info.lo_offset > kMaxOffset || info.lo_sizelimit > kMaxOffset) return Error(EOVERFLOW);
    m_offset = info.lo_offset;
    m_sizelimit = info.lo_sizelimit;
    __builtin_memcpy(m_file_name, info.lo_file_name, LO_NAME_SIZE);
    __builtin_memcpy(m_crypt_name, info.lo_crypt_name, LO_NAME_SIZE);
    m_file_name[LO_NAME_SIZE - 1] = 0;
    m_crypt_name[LO_NAME_SIZE - 1] = 0;
    if (configure) {
        m_flags = (m_flags & LO_FLAGS_READ_ONLY) | (info.lo_flags & LOOP_CONFIGURE_SETTABLE_FLAGS);
    } else {
        // linux: loop_set_status(): only AUTOCLEAR and PARTSCAN change, only AUTOCLEAR clears.
        m_flags &= ~(LOOP_SET_STATUS_CLEARABLE_FLAGS & ~info.lo_flags);
        m_flags |= info.lo_flags & LOOP_SET_STATUS_SETTABLE_FLAGS;
    }
    update_size();
    return {};
}

Result<long> LoopDevice::set_fd(File& dev_file, int fd, const loop_config* config) {
    RefPtr<File> backing = TRY(fd_file(fd));
    if (config) {
        u32 bs = config->block_size;
        if (bs && (bs < 512 || bs > 4096 || (bs & (bs - 1)))) return Error(EINVAL);
        if (config->info.lo_flags & ~LOOP_CONFIGURE_SETTABLE_FLAGS) return Error(EINVAL);
    }
    MutexGuard g(m_lock);
    if (m_backing) return Error(EBUSY);
    u32 type = backing->inode().mode() & S_IFMT;
    if ((type != S_IFREG && type != S_IFBLK) || backing->is_path_only()) return Error(EINVAL);
    m_backing = backing;
    m_flags = 0;
    if (!backing->writable() || !dev_file.writable()) m_flags |= LO_FLAGS_READ_ONLY;
    if (config) {
        if (config->info.lo_flags & LO_FLAGS_READ_ONLY) m_flags |= LO_FLAGS_READ_ONLY;
        m_block_size = config->block_size ? config->block_size : 512;
        auto r = apply_info(config->info, true);
        if (r.is_error()) {
            detach_locked();
            return r.error();
        }
    } else {
        m_offset = m_sizelimit = 0;
        update_size();
    }
    return 0;
}

Result<long> LoopDevice::clear_fd() {
    MutexGuard g(m_lock);
    if (!m_backing) return Error(ENXIO);
    // linux: loop_clr_fd(): a device someone else has open is only marked for autoclear.
    if (m_openers > 1) {
        m_flags |= LO_FLAGS_AUTOCLEAR;
        return 0;
    }
    detach_locked();
    return 0;
}

Result<long> LoopDevice::get_status(uptr arg) {
    loop_info64 info{};
    RefPtr<File> backing;
    {
        MutexGuard g(m_lock);
        if (!m_backing) return Error(ENXIO);
        backing = m_backing;
        info.lo_number = m_number;
        info.lo_offset = m_offset;
        info.lo_sizelimit = m_sizelimit;
        info.lo_flags = m_flags;
        __builtin_memcpy(info.lo_file_name, m_file_name, LO_NAME_SIZE);
        __builtin_memcpy(info.lo_crypt_name, m_crypt_name, LO_NAME_SIZE);
    }
    Inode& in = backing->inode();
    info.lo_device = dev_encode(in.sb().dev());
    info.lo_inode = in.ino();
    info.lo_rdevice = dev_encode(in.rdev());
    TRY(copy_to_user(arg, &info, sizeof(info)));
    return 0;
}

Result<long> LoopDevice::set_status(uptr arg) {
    loop_info64 info;
    TRY(copy_from_user(&info, arg, sizeof(info)));
    MutexGuard g(m_lock);
    if (!m_backing) return Error(ENXIO);
    TRY(apply_info(info, false));
    return 0;
}

Result<long> LoopDevice::ioctl(File& f, unsigned cmd, uptr arg) {
    switch (cmd) {
    case LOOP_SET_FD:
        return set_fd(f, static_cast<int>(arg), nullptr);
    case LOOP_CONFIGURE: {
        loop_config config;
        TRY(copy_from_user(&config, arg, sizeof(config)));
        return set_fd(f, static_cast<int>(config.fd), &config);
    }
    case LOOP_CLR_FD:
        return clear_fd();
    case LOOP_GET_STATUS64:
        return get_status(arg);
    case LOOP_SET_STATUS64:
        return set_status(arg);
    case LOOP_SET_CAPACITY: {
        MutexGuard g(m_lock);
        if (!m_backing) return Error(ENXIO);
        update_size();
        return 0;
    }
    case LOOP_SET_BLOCK_SIZE: {
        if (arg < 512 || arg > 4096 || (arg & (arg - 1))) return Error(EINVAL);
        MutexGuard g(m_lock);
        if (!m_backing) return Error(ENXIO);
        m_block_size = static_cast<u32>(arg);
        return 0;
    }
    case LOOP_SET_DIRECT_IO: {
        MutexGuard g(m_lock);
        if (!m_backing) return Error(ENXIO);
        return 0;   // every transfer already goes straight to the backing file
    }
    case LOOP_GET_STATUS:
    case LOOP_SET_STATUS:
    case LOOP_CHANGE_FD:
        // The old 32-bit status layout and swapping the backing file: not implemented.
        log_warn("loop%u: ioctl %#x not implemented", m_number, cmd);
        return Error(ENOSYS);
    default:
        return Error(ENOTTY);
    }
}
