// SPDX-License-Identifier: MIT
// The mqueue file system (linux: ipc/mqueue.c mqueue_fs_type), mounted with
// `mount -t mqueue none /dev/mqueue`: one instance showing the one queue namespace. Each queue is
// a regular file (its mode, owner and group, size 80 as Linux's FILENT_SIZE); reading it gives
// the status line, opening it gives a queue descriptor that mq_timedsend and friends accept,
// open(O_CREAT) makes a queue with the default attributes, and unlink(2) removes one (the root
// is sticky, 01777). Nothing else can be made here (mkdir and mknod: EPERM).
// The directory stays out of the dentry cache (as devpts): mq_open and mq_unlink change names
// without the VFS, so every walk asks the namespace again.
#include "abi/linux/fs_abi.h"
#include "fs/vfs/late_init.h"
#include "fs/vfs/vfs.h"
#include "ipc/mqueue.h"

namespace {

constexpr u64 kMqueueMagic = 0x19800202;   // linux: ipc/mqueue.c MQUEUE_MAGIC
constexpr u64 kRootIno = 1;
constexpr u64 kFilentSize = 80;

class MqueueSuperBlock final : public SuperBlock {
public:
    MqueueSuperBlock() : SuperBlock("mqueue", alloc_anon_dev()) {}
    ~MqueueSuperBlock() override { drop_root(); }
    void statfs(FsStats& out) override {
        out = FsStats{};   // linux: simple_statfs
        out.type = kMqueueMagic;
        out.bsize = out.frsize = kPageSize;
        out.namelen = 255;
    }
    bool uncached_names() const override { return true; }
    bool inodes_per_lookup() const override { return true; }
    Result<void> set_root(RefPtr<Inode> in) { return make_root(std::move(in)); }
};

void stamp(Inode& in) {
    Timespec now = realtime_now();
    in.set_atime(now);
    in.set_mtime(now);
    in.set_ctime(now);
}

class MqueueFileInode final : public Inode {
public:
    MqueueFileInode(SuperBlock& sb, RefPtr<MqQueue> q) : Inode(sb, q->ino, S_IFREG | (q->mode & 07777)), m_q(std::move(q)) {
        set_uid(m_q->uid);
        set_gid(m_q->gid);
        set_size(kFilentSize);
        stamp(*this);
    }
    Result<void> open(File& file) override {
        file.set_ops(mqueue_file_ops());
        file.private_data = RefPtr<MqQueue>(m_q).leak();   // the File's reference
        return {};
    }

private:
    RefPtr<MqQueue> m_q;
};

class MqueueRoot final : public Inode {
public:
    explicit MqueueRoot(SuperBlock& sb) : Inode(sb, kRootIno, S_IFDIR | S_ISVTX | 0777) {
        set_nlink(2);
        stamp(*this);
    }

    Result<RefPtr<Inode>> lookup(StringView name) override {
        if (sb().cache_enabled()) sb().shutdown();   // see the top of this file
        RefPtr<MqQueue> q = mqueue_lookup(name);
        if (!q) return Error(ENOENT);
        return make(std::move(q));
    }
    Result<RefPtr<Inode>> create(StringView name, u32 mode, const Credentials&) override {
        TRY(mqueue_check_name(name));
        return make(TRY(mqueue_create(name, mode)));
    }
    Result<void> unlink(StringView name, Inode&) override { return mqueue_unlink(name, nullptr); }
    Result<void> iterate(u64& pos, DirSink& sink) override {
        if (!dir_emit_dots(pos, sink, ino(), ino())) return {};
        usize slot = static_cast<usize>(pos - 2);
        while (RefPtr<MqQueue> q = mqueue_next(slot)) {
            if (!sink.emit(StringView(q->name), q->ino, mode_to_dtype(S_IFREG), slot + 3)) return {};
            pos = ++slot + 2;
        }
        pos = slot + 2;
        return {};
    }

private:
    Result<RefPtr<Inode>> make(RefPtr<MqQueue> q);
};

LateInit<RefPtr<MqueueSuperBlock>> g_sb;

Result<RefPtr<Inode>> make_file_inode(SuperBlock& sb, RefPtr<MqQueue> q) {
    auto* in = new (std::nothrow) MqueueFileInode(sb, std::move(q));
    if (!in) return Error(ENOMEM);
    return RefPtr<Inode>::adopt(in);
}

Result<RefPtr<Inode>> MqueueRoot::make(RefPtr<MqQueue> q) { return make_file_inode(sb(), std::move(q)); }

Result<RefPtr<SuperBlock>> mqueue_mount(StringView, u64, const char*) { return RefPtr<SuperBlock>(g_sb.get()); }

constinit const FileSystemType g_mqueue_type{"mqueue", mqueue_mount, false};

}  // namespace

Result<RefPtr<Inode>> mqueue_inode(MqQueue& q) { return make_file_inode(*g_sb.get(), RefPtr<MqQueue>(&q)); }

void mqueue_fs_init() {
    auto* sb = new (std::nothrow) MqueueSuperBlock();
    VERIFY(sb);
    auto ref = RefPtr<MqueueSuperBlock>::adopt(sb);
    auto* root = new (std::nothrow) MqueueRoot(*sb);
    VERIFY(root);
    MUST(sb->set_root(RefPtr<Inode>::adopt(root)));
    g_sb.init(std::move(ref));
    MUST(register_filesystem(g_mqueue_type));
}
