// SPDX-License-Identifier: MIT
// The ext2 superblock in the VFS: mounting from a block device, the table of live inodes,
// deferred freeing of unlinked files, sync and statfs.
#include "fs/ext2/ext2_fs.h"

#include "abi/linux/fs_abi.h"
#include "abi/linux/uapi.h"
#include "core/log.h"
#include "core/sched.h"
#include "core/thread.h"
#include "core/time.h"
#include "fs/ext2/ext2_inode_util.h"
#include "fs/procfs/procfs.h"
#include "fs/vfs/vfs.h"
#include "syscalls/fs_common.h"

// --- the device ---------------------------------------------------------------------------

Result<void> BlockDevIo::read(u64 offset, void* buf, usize len) {
    return m_dev.read_sectors(offset / kSectorSize, static_cast<u32>(len / kSectorSize), buf);
}

Result<void> BlockDevIo::write(u64 offset, const void* buf, usize len) {
    return m_dev.write_sectors(offset / kSectorSize, static_cast<u32>(len / kSectorSize), buf);
}

void BlockDevIo::log(const char* msg, u64 value) {
    log_warn("EXT2-fs (%s): %s %llu", m_dev.name(), msg, static_cast<unsigned long long>(value));
}

void BlockDevIo::now(i64& sec, u32& nsec) {
    Timespec t = realtime_now();
    sec = t.sec;
    nsec = static_cast<u32>(t.nsec);
}

// --- mounting -----------------------------------------------------------------------------

namespace {

// Mounted volumes by device: a second mount of the same device shares the superblock, as
// Linux's sget() does.
constexpr usize kMaxMounted = 16;
Mutex g_mounted_lock{"ext2-mounted"};
Ext2SuperBlock* g_mounted[kMaxMounted];

Result<RefPtr<SuperBlock>> ext2_mount_bdev(DevId dev, u64 flags, const char* data) {
    return Ext2SuperBlock::mount(dev, flags, data);
}

Result<RefPtr<SuperBlock>> ext2_mount_plain(StringView, u64, const char*) { return Error(ENOTBLK); }

constinit const FileSystemType g_ext2_type{"ext2", ext2_mount_plain, true, ext2_mount_bdev};

// Metadata left dirty on an idle volume reaches the disk within vm.dirty_writeback_centisecs of
// expiring (0 turns the periodic write-back off; it then looks again every 5 s).
void writeback_thread(void*) {
    for (;;) {
        i64 cs = sysctl_dirty_writeback_centisecs();
        sleep_ns(static_cast<u64>(cs > 0 ? cs : 500) * 10'000'000ull);
        if (cs <= 0) continue;
        for (usize i = 0; i < kMaxMounted; i++) {
            RefPtr<Ext2SuperBlock> sb;
            {
                MutexGuard g(g_mounted_lock);
                if (g_mounted[i] && g_mounted[i]->try_ref()) sb = RefPtr<Ext2SuperBlock>::adopt(g_mounted[i]);
            }
            if (sb) sb->writeback_expired();
        }
    }
}

// Started by the first mount: a machine without ext2 has nothing to write back.
void start_writeback_thread() {
    static bool started = false;   // under g_mounted_lock
    if (started) return;
    auto t = Thread::create("ext2-writeback", writeback_thread, nullptr);
    if (t.is_error()) {
        log_warn("EXT2-fs: no write-back thread (errno %d): metadata waits for sync", t.error_code());
        return;
    }
    started = true;
    sched_start(t.value());
    t.value()->unref();
}

}  // namespace

const FileSystemType& ext2_type() { return g_ext2_type; }

void ext2_init() { MUST(register_filesystem(g_ext2_type)); }

Ext2SuperBlock::Ext2SuperBlock(DevId dev, BlockDevice& bdev) : SuperBlock("ext2", dev), m_io(bdev) {}

Result<RefPtr<SuperBlock>> Ext2SuperBlock::mount(DevId dev, u64 flags, const char* data) {
    // Options Linux's ext2 takes without changing anything visible here.
    if (data) {
        StringView rest(data), key, val;
        bool has_val;
        while (next_mount_option(rest, key, val, has_val)) {
            if (key == "errors" || key == "user_xattr" || key == "nouser_xattr" || key == "acl" ||
                key == "noacl" || key == "bsddf" || key == "grpid" || key == "nogrpid" || key == "check")
                continue;
            log_warn("EXT2-fs: Unrecognized mount option \"%.*s\" or missing value", int(key.length()), key.data());
            return Error(EINVAL);
        }
    }
    // Serialises mounts, so one device never gets two superblocks. A failed mount's superblock
    // is destroyed after the lock is dropped (its destructor does I/O).
    RefPtr<Ext2SuperBlock> failed;
    MutexGuard g(g_mounted_lock);
    for (Ext2SuperBlock* s : g_mounted)
        if (s && s->dev() == dev && s->try_ref()) return RefPtr<SuperBlock>::adopt(s);
    BlockDevice* bdev = block_find_by_dev(dev);
    if (!bdev) return Error(ENXIO);
    usize slot = kMaxMounted;
    for (usize i = 0; i < kMaxMounted; i++)
        if (!g_mounted[i]) {
            slot = i;
            break;
        }
    if (slot == kMaxMounted) return Error(EBUSY);
    // linux: get_tree_bdev(): a read-write mount of a read-only device is EACCES (mount(8)
    // then retries read-only).
    if (!(flags & MS_RDONLY) && bdev->read_only()) return Error(EACCES);
    TRY(bdev->open());
    auto* sb = new (std::nothrow) Ext2SuperBlock(dev, *bdev);
    if (!sb) {
        bdev->release();
        return Error(ENOMEM);
    }
    sb->m_opened = true;
    auto ref = RefPtr<Ext2SuperBlock>::adopt(sb);
    auto r = sb->load(flags & MS_RDONLY);
    if (r.is_error()) {
        failed = std::move(ref);   // destroyed after g, which was declared after it
        return r.error();
    }
    g_mounted[slot] = sb;
    sb->m_registered = true;
    shrinker_register(*sb);
    start_writeback_thread();
    return RefPtr<SuperBlock>(std::move(ref));
}

Result<void> Ext2SuperBlock::load(bool read_only) {
    m_vol = TRY(Ext2Volume::mount(m_io, read_only));
    // Nanoseconds need the large inode's extra fields (linux ext4: s_time_gran).
    if (!m_vol->large_inodes()) set_time_granularity(1'000'000'000);
    auto root = TRY(iget(kExt2RootIno));
    if (!root->is_dir()) {
        log_warn("EXT2-fs (%s): error: corrupt root inode, run e2fsck", m_io.dev().name());
        return Error(EINVAL);
    }
    return make_root(std::move(root));
}

Ext2SuperBlock::~Ext2SuperBlock() {
    if (m_registered) {
        shrinker_unregister(*this);
        MutexGuard g(g_mounted_lock);
        for (auto& s : g_mounted)
            if (s == this) s = nullptr;
    }
    // The tree goes first: its inodes queue the unlinked ones, which are freed before the
    // volume is marked clean.
    drop_root();
    if (m_vol) {
        MutexGuard g(m_vol_lock);
        reap_orphans();
        if (auto r = m_vol->unmount(); r.is_error())
            log_warn("EXT2-fs (%s): error %d writing the superblock at unmount", m_io.dev().name(), r.error_code());
        (void)m_io.dev().flush();
        delete m_vol;
    }
    if (m_opened) m_io.dev().release();
}

void Ext2SuperBlock::charge_caller() {
    const Credentials& c = current_creds();
    const Ext2SuperBlockDisk& s = m_vol->super();
    m_vol->set_may_use_reserved(c.has_cap(CAP_SYS_RESOURCE) || c.fsuid == s.def_resuid || (s.def_resgid && c.in_group(s.def_resgid)));
}

Ext2Now Ext2SuperBlock::now() {
    Timespec t = realtime_now();
    return Ext2Now{t.sec, static_cast<u32>(t.nsec)};
}

// --- live inodes --------------------------------------------------------------------------

Result<RefPtr<Inode>> Ext2SuperBlock::iget(u32 ino) {
    {
        SpinlockGuard g(m_table_lock);
        for (Ext2Inode* i = m_buckets[ino % kBuckets]; i; i = i->hash_next)
            if (i->ino32() == ino && i->try_ref()) return RefPtr<Inode>::adopt(i);
    }
    Ext2InodeDisk d;
    TRY(m_vol->read_inode(ino, d));
    if (d.links_count == 0 || d.mode == 0) return m_vol->corrupt("deleted inode referenced, inode", ino);
    return adopt_new(ino, d);
}

RefPtr<Inode> Ext2SuperBlock::adopt_new(u32 ino, const Ext2InodeDisk& d) {
    auto* i = new (std::nothrow) Ext2Inode(*this, ino, d);
    if (!i) return nullptr;
    SpinlockGuard g(m_table_lock);
    i->hash_next = m_buckets[ino % kBuckets];
    m_buckets[ino % kBuckets] = i;
    return RefPtr<Inode>::adopt(i);
}

void Ext2SuperBlock::inode_gone(Ext2Inode& inode, bool orphan) {
    SpinlockGuard g(m_table_lock);
    for (Ext2Inode** p = &m_buckets[inode.ino32() % kBuckets]; *p; p = &(*p)->hash_next)
        if (*p == &inode) {
            *p = inode.hash_next;
            break;
        }
    if (!orphan) return;
    if (m_orphan_count < kMaxOrphans) m_orphans[m_orphan_count++] = inode.ino32();
    else log_warn("EXT2-fs (%s): orphan list full, inode %u left for e2fsck", m_io.dev().name(), inode.ino32());
}

void Ext2SuperBlock::reap_orphans() {
    for (;;) {
        u32 ino;
        {
            SpinlockGuard g(m_table_lock);
            if (m_orphan_count == 0) return;
            ino = m_orphans[--m_orphan_count];
        }
        Ext2InodeDisk d;
        auto r = m_vol->read_inode(ino, d);
        if (r.is_ok() && d.links_count == 0 && d.mode) r = m_vol->delete_inode(ino, d);
        if (r.is_error())
            log_warn("EXT2-fs (%s): error %d freeing deleted inode %u", m_io.dev().name(), r.error_code(), ino);
    }
}

template <typename Fn>
bool Ext2SuperBlock::for_each_live_in_bucket(usize bucket, Fn fn) {
    // References are taken under the table lock a batch at a time and used without it. The
    // last inode of a batch stays referenced until the next batch is taken, so it is still in
    // the chain and the walk resumes after it. (References are dropped outside the lock: a last
    // one runs ~Ext2Inode, which takes it.)
    constexpr usize kBatch = 16;
    RefPtr<Inode> batch[2][kBatch];
    Ext2Inode* resume = nullptr;
    for (unsigned cur = 0;; cur ^= 1) {
        usize n = 0;
        {
            SpinlockGuard g(m_table_lock);
            for (Ext2Inode* i = resume ? resume->hash_next : m_buckets[bucket]; i && n < kBatch; i = i->hash_next)
                if (i->try_ref()) batch[cur][n++] = RefPtr<Inode>::adopt(i);
        }
        for (auto& r : batch[cur ^ 1]) r = nullptr;
        for (usize k = 0; k < n; k++)
            if (!fn(*static_cast<Ext2Inode*>(batch[cur][k].ptr()))) return false;
        if (n < kBatch) return true;
        resume = static_cast<Ext2Inode*>(batch[cur][n - 1].ptr());
    }
}

Result<void> Ext2SuperBlock::write_back_all() {
    Result<void> result;
    for (usize bucket = 0; bucket < kBuckets; bucket++)
        for_each_live_in_bucket(bucket, [&](Ext2Inode& e) {
            auto r = e.fsync(false);
            if (r.is_error() && result.is_ok()) result = r.error();
            return true;
        });
    return result;
}

usize Ext2SuperBlock::shrink(usize want, bool& busy) {
    usize freed = 0;
    for (usize k = 0; k < kBuckets && freed < want; k++) {
        usize bucket = m_shrink_bucket;
        m_shrink_bucket = (m_shrink_bucket + 1) % kBuckets;
        for_each_live_in_bucket(bucket, [&](Ext2Inode& e) {
            if (PageCache* pc = e.page_cache()) freed += pc->shed_clean(want - freed, busy);
            return freed < want;
        });
    }
    // Then clean cached metadata (its units are pages), unless the volume is busy.
    if (freed < want && m_vol) {
        if (m_vol_lock.try_lock()) {
            freed += m_vol->shed_cache(want - freed);
            m_vol_lock.unlock();
        } else {
            busy = true;
        }
    }
    return freed;
}

void Ext2SuperBlock::writeback_expired() {
    MutexGuard g(m_vol_lock);
    if (!m_vol || !m_vol->writeback_due(sysctl_dirty_expire_centisecs())) return;
    if (auto r = m_vol->sync(); r.is_error())
        log_warn("EXT2-fs (%s): error %d writing back metadata", m_io.dev().name(), r.error_code());
}

Result<void> Ext2SuperBlock::sync() {
    if (m_vol->read_only()) return {};
    Result<void> r = write_back_all();
    {
        MutexGuard g(m_vol_lock);
        reap_orphans();
        auto s = m_vol->sync();
        if (s.is_error() && r.is_ok()) r = s.error();
    }
    auto f = m_io.dev().flush();
    if (f.is_error() && r.is_ok()) r = f.error();
    return r;
}

Result<void> Ext2SuperBlock::remount(bool read_only) {
    if (read_only == m_vol->read_only()) return {};
    if (!read_only && m_io.dev().read_only()) return Error(EACCES);
    if (read_only) TRY(sync());
    MutexGuard g(m_vol_lock);
    if (read_only) reap_orphans();
    return m_vol->set_read_only(read_only);
}

void Ext2SuperBlock::statfs(FsStats& out) {
    Ext2Statfs s;
    {
        MutexGuard g(m_vol_lock);
        // Files removed since the last change are freed first: df right after rm sees it.
        if (!m_vol->read_only()) reap_orphans();
        m_vol->statfs(s);
    }
    out = FsStats{};
    out.type = EXT2_SUPER_MAGIC;
    out.bsize = out.frsize = s.bsize;
    out.blocks = s.blocks;
    out.bfree = s.bfree;
    out.bavail = s.bavail;
    out.files = s.files;
    out.ffree = s.ffree;
    out.namelen = kExt2NameLen;
}
