// SPDX-License-Identifier: MIT
#include "fs/vfs/file.h"

#include "abi/linux/fs_abi.h"
#include "abi/linux/uapi.h"
#include "core/fd_table.h"
#include "core/file_write_rules.h"
#include "fs/notify/fsnotify.h"
#include "lib/member_owner.h"
#include "fs/vfs/vfs_ops.h"
#include "ipc/epoll.h"

namespace {

// linux: include/linux/fs.h MAX_RW_COUNT (INT_MAX & PAGE_MASK): the most one read/write moves.
constexpr usize kMaxRwCount = 0x7ffff000;
constexpr u32 kDefaultPollMask = POLLIN | POLLOUT | POLLRDNORM | POLLWRNORM;

class RegularFileOps final : public FileOps {
public:
    constexpr RegularFileOps() = default;
    Result<usize> read(File& f, const IoBuffer& buf, u64& offset) override {
        Inode& inode = f.inode();
        MutexGuard g(inode.lock());
        auto r = inode.read(buf, offset);
        file_accessed(f);
        usize n = TRY(std::move(r));
        offset += n;
        return n;
    }
    Result<usize> write(File& f, const IoBuffer& buf, u64& offset) override {
        Inode& inode = f.inode();
        MutexGuard g(inode.lock());
        if (f.flags() & O_APPEND) offset = inode.size();
        usize n = TRY(inode.write(buf, offset));
        offset += n;
        if (n) inode.touch_mtime_ctime();
        return n;
    }
    Result<u64> lseek(File& f, u64 current, i64 offset, int whence) override {
        return generic_llseek(current, offset, whence, f.inode().size());
    }
    bool positional() const override { return true; }
};

// Records a directory listing into a getdents64 buffer.
class Getdents64Sink final : public DirSink {
public:
    explicit Getdents64Sink(const IoBuffer& buf) : m_buf(buf) {}
    bool emit(StringView name, u64 ino, u8 d_type, u64 next_pos) override {
        usize len = dirent64_reclen(name.length());
        if (len > m_buf.size() - m_used) {
            m_full = true;
            return false;
        }
        u8 rec[dirent64_reclen(255)];
        if (name.length() > 255) return false;   // file systems check names; never emitted
        dirent64_pack(rec, ino, static_cast<i64>(next_pos), d_type, name);
        if (m_buf.write_at(m_used, rec, len).is_error()) {
            m_fault = true;
            return false;
        }
        m_used += len;
        return true;
    }
    usize used() const { return m_used; }
    bool full() const { return m_full; }
    bool fault() const { return m_fault; }

private:
    const IoBuffer& m_buf;
    usize m_used = 0;
    bool m_full = false;
    bool m_fault = false;
};

class DirectoryOps final : public FileOps {
public:
    constexpr DirectoryOps() = default;
    Result<usize> read(File&, const IoBuffer&, u64&) override { return Error(EISDIR); }
    Result<usize> write(File&, const IoBuffer&, u64&) override { return Error(EISDIR); }
    Result<u64> lseek(File&, u64 current, i64 offset, int whence) override {
        // linux: fs/libfs.c offset_dir_llseek(): positions are cookies, any non-negative one is
        // accepted (a stale cookie just resumes at the next surviving entry).
        return set_cur_llseek(current, offset, whence);
    }
    bool positional() const override { return true; }
    Result<usize> getdents64(File& f, const IoBuffer& buf, u64& pos) override {
        Inode& dir = f.inode();
        MutexGuard g(dir.lock());
        // linux: fs/readdir.c iterate_dir(): a removed directory lists as ENOENT.
        if (dir.is_dead()) return Error(ENOENT);
        Getdents64Sink sink(buf);
        auto r = dir.iterate(pos, sink);
        file_accessed(f);
        if (sink.used()) return sink.used();   // what was written counts, even before an error
        if (sink.fault()) return Error(EFAULT);
        TRY(r);
        if (sink.full()) return Error(EINVAL);   // not even one record fits
        return usize(0);
    }
};

class PathOnlyOps final : public FileOps {
public:
    constexpr PathOnlyOps() = default;
};

constinit RegularFileOps g_regular_ops;
constinit DirectoryOps g_directory_ops;
constinit PathOnlyOps g_path_only_ops;

}  // namespace

FileOps& regular_file_ops() { return g_regular_ops; }
FileOps& directory_ops() { return g_directory_ops; }
FileOps& path_only_ops() { return g_path_only_ops; }

Result<u64> set_cur_llseek(u64 current, i64 offset, int whence) {
    i64 pos;
    if (whence == SEEK_SET) pos = offset;
    else if (whence == SEEK_CUR) {
        if (__builtin_add_overflow(static_cast<i64>(current), offset, &pos)) return Error(EINVAL);
    } else {
        return Error(EINVAL);
    }
    if (pos < 0) return Error(EINVAL);
    return static_cast<u64>(pos);
}

Result<u64> generic_llseek(u64 current, i64 offset, int whence, u64 size) {
    // linux: fs/read_write.c generic_file_llseek_size() with maxsize MAX_LFS_FILESIZE.
    i64 cur = static_cast<i64>(current);
    i64 eof = static_cast<i64>(size);
    i64 pos;
    switch (whence) {
    case SEEK_SET:
        pos = offset;
        break;
    case SEEK_CUR:
        if (offset == 0) return current;
        if (__builtin_add_overflow(cur, offset, &pos)) return Error(EINVAL);
        break;
    case SEEK_END:
        if (__builtin_add_overflow(eof, offset, &pos)) return Error(EINVAL);
        break;
    case SEEK_DATA:
        if (offset < 0 || offset >= eof) return Error(ENXIO);
        pos = offset;
        break;
    case SEEK_HOLE:
        if (offset < 0 || offset >= eof) return Error(ENXIO);
        pos = eof;
        break;
    default:
        return Error(EINVAL);
    }
    if (pos < 0) return Error(EINVAL);
    return static_cast<u64>(pos);
}

// --- FileOps defaults -------------------------------------------------------------------------

Result<usize> FileOps::read(File&, const IoBuffer&, u64&) { return Error(EINVAL); }
Result<usize> FileOps::write(File&, const IoBuffer&, u64&) { return Error(EINVAL); }
Result<u64> FileOps::lseek(File&, u64, i64, int) { return Error(ESPIPE); }
Result<long> FileOps::ioctl(File&, unsigned, uptr) { return Error(ENOTTY); }
u32 FileOps::poll(File&) { return kDefaultPollMask; }
WaitQueue* FileOps::wait_queue(File&) { return nullptr; }
usize FileOps::fdinfo(File&, char*, usize) { return 0; }
Result<usize> FileOps::getdents64(File&, const IoBuffer&, u64&) { return Error(ENOTDIR); }
void FileOps::release(File&) {}

// --- File -------------------------------------------------------------------------------------

File::File(Path path, RefPtr<Inode> inode, u32 flags)
    : m_path(std::move(path)), m_inode(std::move(inode)), m_flags(flags), m_ops(&g_path_only_ops) {}

File::~File() {
    if (m_opened && m_path.dentry) {
        // linux: __fput(): the close event (none for O_PATH in 6.1, as no open event), then
        // the name's last reference may delete it.
        if (!is_path_only()) fsnotify_close(*this, writable());
        fsnotify_dentry_dropping(*m_path.dentry);
    }
    if (m_async_queue) m_async_queue->remove_async(m_async);
    if (epoll_items.load(std::memory_order_acquire)) epoll_file_released(*this);
    if (m_opened) m_ops->release(*this);
    drop_owned_ops();
}

void File::drop_owned_ops() {
    if (m_owned_deleter) {
        auto del = m_owned_deleter;
        m_owned_deleter = nullptr;
        del(m_ops);
    }
    m_ops = &g_path_only_ops;
    m_positional = false;
}

void File::set_ops(FileOps& ops) {
    drop_owned_ops();
    m_ops = &ops;
    m_positional = ops.positional();
}

static bool before_or_same(Timespec a, Timespec b) { return a.sec < b.sec || (a.sec == b.sec && a.nsec <= b.nsec); }

void file_accessed(File& f) {
    if (f.flags() & O_NOATIME) return;
    Inode& inode = f.inode();
    const Mount* m = f.path().mnt.ptr();
    u64 mf = m ? m->flags() : 0;
    if ((mf & (MS_NOATIME | MS_RDONLY)) || ((mf & MS_NODIRATIME) && inode.is_dir())) return;
    Timespec now = realtime_now();
    Timespec at = inode.atime();
    if (m && m->relatime()) {
        constexpr i64 kDay = 24 * 60 * 60;
        bool due = before_or_same(at, inode.mtime()) || before_or_same(at, inode.ctime()) || now.sec - at.sec >= kDay;
        if (!due) return;
    }
    if (at.sec == now.sec && at.nsec == now.nsec) return;
    inode.set_atime(now);
}

Result<RefPtr<File>> File::open(const Path& path, u32 flags) {
    RefPtr<Inode> inode = path.dentry->inode_ref();
    auto* f = new (std::nothrow) File(path, inode, flags);
    if (!f) return Error(ENOMEM);
    auto ref = RefPtr<File>::adopt(f);
    // linux: do_dentry_open(): O_PATH files never reach the file system's open.
    if (!(flags & O_PATH)) TRY(inode->open(*f));
    f->m_opened = true;
    return ref;
}

Result<RefPtr<File>> File::open_anonymous(RefPtr<Inode> inode, FileOps& ops, u32 flags) {
    auto* f = new (std::nothrow) File(Path{}, std::move(inode), flags);
    if (!f) return Error(ENOMEM);
    auto ref = RefPtr<File>::adopt(f);
    f->set_ops(ops);
    f->m_opened = true;
    return ref;
}


void File::set_status_flags(u32 fl) {
    constexpr u32 kSettable = O_APPEND | O_NONBLOCK | FASYNC | O_DIRECT | O_NOATIME;
    u32 old = flags();
    m_flags.store((old & ~kSettable) | (fl & kSettable), std::memory_order_relaxed);
}

void File::update_async(int fd) {
    MutexGuard g(m_async_lock);
    m_async_fd.store(fd, std::memory_order_relaxed);
    bool want = flags() & FASYNC;
    if (want && !m_async_queue) {
        if (WaitQueue* q = wait_queue()) {
            m_async.fire = fire_async;
            q->add_async(m_async);
            m_async_queue = q;
        }
    } else if (!want && m_async_queue) {
        m_async_queue->remove_async(m_async);
        m_async_queue = nullptr;
    }
}

void File::fire_async(AsyncNotify* n, u32) {
    File* f = member_owner(n, &File::m_async);
    // Linux's pipes and ttys send POLL_IN to readers' and POLL_OUT to writers' descriptions.
    int band = f->readable() ? POLL_IN : POLL_OUT;
    file_async_signal(f->owner(), f->m_async_sig.load(std::memory_order_relaxed),
                      f->m_async_fd.load(std::memory_order_relaxed), band);
}

FileOwner File::owner() {
    u64 v = m_owner.load(std::memory_order_relaxed);
    return FileOwner{static_cast<int>(v >> 32), static_cast<int>(static_cast<u32>(v))};
}

void File::set_owner(const FileOwner& o) {
    m_owner.store(u64(u32(o.type)) << 32 | u32(o.id), std::memory_order_relaxed);
}

int File::async_signal() { return m_async_sig.load(std::memory_order_relaxed); }
void File::set_async_signal(int sig) { m_async_sig.store(sig, std::memory_order_relaxed); }


u64 File::offset() {
    MutexGuard g(m_pos_lock);
    return m_pos;
}

// linux: rw_verify_area(): a positional file's range must fit a signed file offset.
static inline bool offset_range_ok(u64 offset, usize n) {
    u64 end;
    return offset <= u64(kMaxFileSize) && !__builtin_add_overflow(offset, n, &end) && end <= u64(kMaxFileSize);
}

// Linux's MAX_RW_COUNT: the most one call moves.
[[gnu::noinline]] Result<usize> File::clipped(const IoBuffer& in, u64& offset,
                                             Result<usize> (File::*io)(const IoBuffer&, u64&)) {
    IoBuffer part = in.slice(0, kMaxRwCount);
    return (this->*io)(part, offset);
}

[[gnu::always_inline]] inline Result<usize> File::do_read(const IoBuffer& in, u64& offset) {
    if (unlikely(in.size() > kMaxRwCount)) return clipped(in, offset, &File::do_read);
    if (m_positional && !offset_range_ok(offset, in.size())) return Error(EINVAL);
    return m_ops->read(*this, in, offset);
}

// Regular files: RLIMIT_FSIZE and the set-id bits, then the ops.
[[gnu::noinline]] Result<usize> File::write_regular(const IoBuffer& in, u64& offset) {
    IoBuffer buf = in;
    u64 pos = (flags() & O_APPEND) ? m_inode->size() : offset;
    usize fits = TRY(file_size_limit_clamp(pos, buf.size()));
    if (fits < buf.size()) buf = buf.slice(0, fits);
    u32 mode = m_inode->mode() & 07777;
    if (mode & (S_ISUID | S_ISGID)) {
        if (u32 kept = file_mode_after_write(mode); kept != mode) {
            SetAttr a;
            a.mask = SetAttr::kMode;
            a.mode = kept;
            TRY(vfs_setattr(*m_inode, a, m_path.dentry.ptr()));
        }
    }
    return m_ops->write(*this, buf, offset);
}

[[gnu::always_inline]] inline Result<usize> File::do_write(const IoBuffer& in, u64& offset) {
    if (unlikely(in.size() > kMaxRwCount)) return clipped(in, offset, &File::do_write);
    if (m_positional && !offset_range_ok(offset, in.size())) return Error(EINVAL);
    if (m_inode->is_reg()) return write_regular(in, offset);
    return m_ops->write(*this, in, offset);
}

Result<usize> File::accessed(Result<usize> r) {
    if (!r.is_error() && r.value()) fsnotify_access(*this);
    return r;
}

[[gnu::always_inline]] inline Result<usize> File::modified(Result<usize> r) {
    if (!r.is_error() && r.value()) fsnotify_modify(*this);
    return r;
}

Result<usize> File::read(const IoBuffer& buf) {
    if (!readable()) return Error(EBADF);
    if (!m_positional) {
        // Streams: no shared offset, and no f_pos lock held while a read blocks.
        u64 ignored = 0;
        return accessed(do_read(buf, ignored));
    }
    OptionalMutexGuard g(m_pos_lock, pos_lock_needed());
    u64 off = m_pos;
    usize n = TRY(do_read(buf, off));
    m_pos = off;
    return accessed(n);
}

Result<usize> File::write(const IoBuffer& buf) {
    if (!writable()) return Error(EBADF);
    if (!m_positional) {
        u64 ignored = 0;
        return modified(do_write(buf, ignored));
    }
    OptionalMutexGuard g(m_pos_lock, pos_lock_needed());
    u64 off = m_pos;
    usize n = TRY(do_write(buf, off));
    m_pos = off;
    return modified(n);
}

Result<usize> File::pread(const IoBuffer& buf, u64 offset) {
    if (offset > u64(kMaxFileSize)) return Error(EINVAL);
    if (is_path_only()) return Error(EBADF);
    if (!m_positional) return Error(ESPIPE);
    if (!readable()) return Error(EBADF);
    u64 off = offset;
    return accessed(do_read(buf, off));
}

Result<usize> File::pwrite(const IoBuffer& buf, u64 offset) {
    if (offset > u64(kMaxFileSize)) return Error(EINVAL);
    if (is_path_only()) return Error(EBADF);
    if (!m_positional) return Error(ESPIPE);
    if (!writable()) return Error(EBADF);
    u64 off = offset;   // LINUX: with O_APPEND, pwrite appends too (documented bug, kept)
    return modified(do_write(buf, off));
}

Result<u64> File::lseek(i64 offset, int whence) {
    if (is_path_only()) return Error(EBADF);
    OptionalMutexGuard g(m_pos_lock, pos_lock_needed());
    u64 pos = TRY(m_ops->lseek(*this, m_pos, offset, whence));
    m_pos = pos;
    return pos;
}

Result<usize> File::getdents64(const IoBuffer& buf) {
    if (is_path_only()) return Error(EBADF);
    MutexGuard g(m_pos_lock);
    u64 pos = m_pos;
    usize n = TRY(m_ops->getdents64(*this, buf, pos));
    m_pos = pos;
    fsnotify_access(*this);   // linux: iterate_dir(), even at the end of the directory
    return n;
}

Result<long> File::ioctl(unsigned cmd, uptr arg) {
    if (is_path_only()) return Error(EBADF);
    return m_ops->ioctl(*this, cmd, arg);
}

u32 File::poll() {
    if (is_path_only()) return POLLNVAL;
    return m_ops->poll(*this);
}

WaitQueue* File::wait_queue() { return is_path_only() ? nullptr : m_ops->wait_queue(*this); }

Result<void> File::truncate(u64 size) {
    if (is_path_only()) return Error(EBADF);
    // linux: do_sys_ftruncate(): EINVAL for a negative length, a non-regular file or a
    // descriptor not open for writing.
    if (size > u64(kMaxFileSize)) return Error(EINVAL);
    if (!m_inode->is_reg() || !writable()) return Error(EINVAL);
    SetAttr a;
    a.mask = SetAttr::kSize;
    a.size = size;
    return vfs_setattr(*m_inode, a);
}
