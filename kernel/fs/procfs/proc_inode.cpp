// SPDX-License-Identifier: MIT
#include "fs/procfs/proc_inode.h"

#include <atomic>

#include "abi/linux/fs_abi.h"
#include "abi/linux/uapi.h"
#include "core/process.h"
#include "core/time.h"
#include "fs/procfs/proc_internal.h"
#include "fs/procfs/proc_task.h"
#include "fs/vfs/mount.h"
#include "mm/kheap.h"

// --- superblock -------------------------------------------------------------------------------

ProcSuperBlock::ProcSuperBlock() : SuperBlock("proc", alloc_anon_dev()) {}

ProcSuperBlock::~ProcSuperBlock() { drop_root(); }

void ProcSuperBlock::statfs(FsStats& out) {
    out = FsStats{};
    out.type = PROC_SUPER_MAGIC;
    out.bsize = out.frsize = kPageSize;
    out.namelen = 255;
}

Result<RefPtr<ProcSuperBlock>> ProcSuperBlock::create() {
    auto* sb = new (std::nothrow) ProcSuperBlock();
    if (!sb) return Error(ENOMEM);
    auto ref = RefPtr<ProcSuperBlock>::adopt(sb);
    ProcNode root;
    root.kind = ProcKind::Root;
    root.ino = root.parent_ino = 1;
    auto inode = TRY(ProcInode::make(*sb, root));
    TRY(sb->make_root(std::move(inode)));
    return ref;
}

bool is_proc_superblock(const SuperBlock& sb) { return StringView(sb.fs_name()) == StringView("proc"); }

// --- numbers and names ------------------------------------------------------------------------

u64 proc_static_ino(u64 parent_ino, StringView name) {
    u32 h = 2166136261u ^ static_cast<u32>(parent_ino * 0x9E3779B1u);
    for (usize i = 0; i < name.length(); i++) h = (h ^ static_cast<u8>(name[i])) * 16777619u;
    // Clear of 0xF0000000..0xF000000F (root-level fixed numbers).
    return 0xF0000010u + (h % 0x0FFFFFF0u);
}

bool parse_proc_number(StringView s, int& out) {
    if (s.empty() || (s.length() > 1 && s[0] == '0')) return false;
    u64 v = 0;
    for (usize i = 0; i < s.length(); i++) {
        if (s[i] < '0' || s[i] > '9') return false;
        v = v * 10 + u64(s[i] - '0');
        if (v > 0x7fffffff) return false;
    }
    out = static_cast<int>(v);
    return true;
}

StringView format_number(char* buf, int v) {
    char tmp[12];
    int n = 0;
    auto u = static_cast<unsigned>(v);
    do {
        tmp[n++] = static_cast<char>('0' + u % 10);
        u /= 10;
    } while (u);
    for (int i = 0; i < n; i++) buf[i] = tmp[n - 1 - i];
    return StringView(buf, static_cast<usize>(n));
}

ProcNode proc_child(const ProcNode& dir, const ProcEntry& e, usize index) {
    ProcNode n;
    n.kind = e.kind;
    n.entry = &e;
    n.pid = dir.pid;
    n.tid = dir.tid;
    n.parent_ino = dir.ino;
    if (dir.pid) {
        // Entries of a directory inside /proc/<pid> (ns/) number after their directory's index.
        if (dir.kind == ProcKind::Dir) index |= ((dir.ino & 0xfff) + 1) << 12;
        n.ino = dir.tid ? proc_task_ino(dir.tid, kInoTidEntry, static_cast<u32>(index))
                        : proc_task_ino(dir.pid, kInoPidEntry, static_cast<u32>(index));
    } else {
        n.ino = e.fixed_ino ? e.fixed_ino : proc_static_ino(dir.ino, StringView(e.name));
    }
    return n;
}

// --- inodes -----------------------------------------------------------------------------------

namespace {

// Table-driven directories: the entries of dir's table visible from it.
ProcTable table_of(const ProcNode& dir) {
    switch (dir.kind) {
    case ProcKind::Root: return proc_root_table();
    case ProcKind::Dir: return ProcTable{dir.entry->children, dir.entry->child_count};
    case ProcKind::PidDir:
    case ProcKind::TidDir: return proc_pid_table();
    default: return ProcTable{nullptr, 0};
    }
}

bool visible_in(const ProcNode& dir, const ProcEntry& e) {
    return !(dir.kind == ProcKind::TidDir && (e.flags & kProcTgidOnly));
}

u32 count_subdirs(const ProcNode& dir) {
    ProcTable t = table_of(dir);
    u32 n = 0;
    for (usize i = 0; i < t.count; i++)
        if (S_ISDIR(t.entries[i].mode) && visible_in(dir, t.entries[i])) n++;
    return n;
}

}  // namespace

ProcInode::ProcInode(SuperBlock& sb, const ProcNode& node, u32 mode) : Inode(sb, node.ino, mode), m_node(node) {}

ProcInode::~ProcInode() = default;

Result<RefPtr<Inode>> ProcInode::make(SuperBlock& sb, const ProcNode& node) {
    u32 mode = 0, uid = 0, gid = 0, nlink = 1;
    u64 size = 0;
    switch (node.kind) {
    case ProcKind::Root:
        mode = S_IFDIR | 0555;
        nlink = 2 + count_subdirs(node);
        break;
    case ProcKind::Dir:
        mode = node.entry->mode;
        break;
    case ProcKind::PidDir:
    case ProcKind::TidDir:
        mode = S_IFDIR | 0555;
        nlink = 2 + count_subdirs(node);
        break;
    case ProcKind::FdLink:
        mode = TRY(proc_fd_link_mode(node));
        size = 64;   // linux: proc_fd_instantiate() sets i_size to 64
        break;
    case ProcKind::FdInfo:
        mode = S_IFREG | 0444;
        TRY(proc_fd_link_mode(node));   // the descriptor must exist
        break;
    default:
        mode = node.entry->mode;
        nlink = S_ISDIR(mode) ? 2 : 1;
        break;
    }
    if (node.pid) TRY(task_owner(node.pid, node.tid, mode, uid, gid));
    if (node.kind == ProcKind::Link && !node.pid && !node.entry->fixed_ino) {
        // linux: proc_symlink() entries report their target's length.
        SeqBuf target;
        if (node.entry->show(node, viewer_credentials(), target).is_ok()) size = target.length();
    }
    auto* in = new (std::nothrow) ProcInode(sb, node, mode);
    if (!in) return Error(ENOMEM);
    in->set_uid(uid);
    in->set_gid(gid);
    in->set_nlink(nlink);
    in->set_size(size);
    Timespec now = realtime_now();
    in->set_atime(now);
    in->set_mtime(now);
    in->set_ctime(now);
    return RefPtr<Inode>::adopt(in);
}

Result<RefPtr<Inode>> ProcInode::lookup(StringView name) {
    // Process and descriptor entries come and go without procfs hearing of it, and the dentry
    // cache has no revalidation hook: keep this file system out of the cache, so each walk asks
    // again. (mount() turns caching back on for a new mount; the first lookup turns it off.)
    if (sb().cache_enabled()) sb().shutdown();
    ProcTable t = table_of(m_node);
    for (usize i = 0; i < t.count; i++) {
        const ProcEntry& e = t.entries[i];
        if (StringView(e.name) == name && visible_in(m_node, e)) return make(sb(), proc_child(m_node, e, i));
    }
    switch (m_node.kind) {
    case ProcKind::Root: return make(sb(), TRY(proc_root_lookup_pid(m_node, name)));
    case ProcKind::TaskList: return make(sb(), TRY(proc_task_lookup(m_node, name)));
    case ProcKind::FdDir:
    case ProcKind::FdInfoDir: return make(sb(), TRY(proc_fd_lookup(m_node, name)));
    default: return Error(ENOENT);
    }
}

Result<void> ProcInode::iterate(u64& pos, DirSink& sink) {
    if (m_node.pid) {
        // Listing the directory of a process that has gone fails with ENOENT, as on Linux.
        u32 uid, gid;
        if (task_owner(m_node.pid, m_node.tid, mode(), uid, gid).is_error()) return Error(ENOENT);
    }
    if (!dir_emit_dots(pos, sink, m_node.ino, m_node.parent_ino)) return {};   // the root is its own parent
    ProcTable t = table_of(m_node);
    for (; pos >= 2 && pos - 2 < t.count; pos++) {
        const ProcEntry& e = t.entries[pos - 2];
        if (!visible_in(m_node, e)) continue;
        ProcNode child = proc_child(m_node, e, static_cast<usize>(pos - 2));
        if (!sink.emit(StringView(e.name), child.ino, mode_to_dtype(e.mode), pos + 1)) return {};
    }
    if (pos < kProcDynamicPos) pos = kProcDynamicPos;
    switch (m_node.kind) {
    case ProcKind::Root: return proc_root_iterate_pids(m_node, pos, sink);
    case ProcKind::TaskList: return proc_task_iterate(m_node, pos, sink);
    case ProcKind::FdDir:
    case ProcKind::FdInfoDir: return proc_fd_iterate(m_node, pos, sink);
    default: return {};
    }
}

Result<usize> ProcInode::readlink(char* buf, usize size) {
    if (m_node.kind != ProcKind::Link && m_node.kind != ProcKind::FdLink) return Error(EINVAL);
    SeqBuf target;
    Credentials viewer = viewer_credentials();
    if (m_node.kind == ProcKind::FdLink) TRY(proc_fd_link_target(m_node, viewer, target));
    else TRY(m_node.entry->show(m_node, viewer, target));
    TRY(target.status());
    usize n = min(size, target.length());
    __builtin_memcpy(buf, target.data(), n);
    return n;
}

Result<Path> ProcInode::magic_link() {
    if (m_node.kind == ProcKind::Link && (m_node.entry->flags & kProcNsLink))
        return proc_ns_magic_target(m_node, viewer_credentials());
    if (m_node.kind != ProcKind::FdLink) return Error(EINVAL);
    return proc_fd_magic_target(m_node, viewer_credentials());
}

// linux: proc_fd_permission(): a process may always list its own descriptors, even when it is
// not dumpable and fd/ belongs to root.
Result<void> ProcInode::permission(const Credentials& creds, int mask) const {
    // linux: proc_sys_permission() / test_perm(): a sysctl file's mode bits bind root too (its
    // owner bits apply to euid 0, the group's to group 0, the others' to everyone else), and
    // nothing in /proc/sys is executable.
    if (m_node.kind == ProcKind::File && m_node.entry && (m_node.entry->flags & kProcSysctl)) {
        if (mask & kMayExec) return Error(EACCES);
        u32 bits = mode() & 0777;
        bits = creds.euid == 0 ? bits >> 6 : creds.in_group(0) ? bits >> 3 : bits;
        return (mask & ~bits & (kMayRead | kMayWrite)) ? Error(EACCES) : Result<void>();
    }
    auto r = Inode::permission(creds, mask);
    if (r.is_ok() || m_node.kind != ProcKind::FdDir) return r;
    Process* self = current_process();
    if (self && self->pid == m_node.pid) return {};
    return r;
}

Result<void> ProcInode::setattr(const SetAttr& attr) {
    // linux: proc_setattr() / proc_sys_setattr(): no chmod or chown; a size change (O_TRUNC)
    // is accepted and ignored.
    if (attr.mask & (SetAttr::kMode | SetAttr::kUid | SetAttr::kGid)) return Error(EPERM);
    if (attr.mask & SetAttr::kAtime) set_atime(attr.atime);
    if (attr.mask & SetAttr::kMtime) set_mtime(attr.mtime);
    if (attr.mask & SetAttr::kCtime) set_ctime(attr.ctime);
    return {};
}

// --- open files -------------------------------------------------------------------------------

namespace {

constexpr usize kMaxWrite = 4096;   // one page per write, as Linux's proc handlers take

class ProcFileOps final : public FileOps {
public:
    ProcFileOps(const ProcNode& node, const Credentials& viewer) : m_node(node), m_viewer(viewer) {
        m_seen.store(poll_event(), std::memory_order_relaxed);
    }

    // fdinfo is generated once, at open: it reads another description's offset, which takes
    // that description's f_pos lock, and a read() holds its own (two descriptors reading each
    // other's fdinfo would deadlock, and one reading its own would too).
    Result<void> generate() {
        m_buf.clear();
        m_generated = false;
        if (m_node.kind == ProcKind::FdInfo) TRY(proc_fdinfo_show(m_node, m_viewer, m_buf));
        else TRY(m_node.entry->show(m_node, m_viewer, m_buf));
        TRY(m_buf.status());
        m_generated = true;
        return {};
    }

    Result<usize> read(File&, const IoBuffer& buf, u64& offset) override {
        MutexGuard g(m_lock);
        if (!m_generated || (offset == 0 && m_node.kind != ProcKind::FdInfo)) TRY(generate());
        return m_buf.read_at(buf, offset);
    }

    Result<usize> write(File&, const IoBuffer& buf, u64& offset) override {
        if (m_node.kind != ProcKind::File || !m_node.entry->write) {
            // linux: per-process files have no write method (EINVAL from vfs_write); the global
            // ones go through pde_write(), which answers EIO.
            return Error(m_node.pid || m_node.kind == ProcKind::FdInfo ? EINVAL : EIO);
        }
        usize n = min(buf.size(), kMaxWrite);
        char* data = static_cast<char*>(kmalloc(n ? n : 1));
        if (!data) return Error(ENOMEM);
        auto r = buf.read_at(0, data, n);
        if (r.is_ok()) r = m_node.entry->write(m_node, m_viewer, StringView(data, n));
        kfree(data);
        TRY(r);
        offset += buf.size();
        return buf.size();
    }

    Result<u64> lseek(File&, u64 current, i64 offset, int whence) override {
        // linux: seq_lseek(): SEEK_SET and SEEK_CUR only.
        return set_cur_llseek(current, offset, whence);
    }

    bool positional() const override { return true; }

    // linux: a proc file without a poll method cannot be watched (epoll_ctl: EPERM); poll() and
    // select() see it always ready.
    WaitQueue* wait_queue(File& f) override {
        u16 fl = m_node.entry ? m_node.entry->flags : 0;
        if (fl & kProcPollMounts) return &mount_event_queue();
        if (fl & kProcPollSwaps) return &static_cast<ProcSuperBlock&>(f.inode().sb()).swaps_queue();
        return nullptr;
    }

    u32 poll(File& f) override {
        if (!wait_queue(f)) return FileOps::poll(f);
        u32 mask = POLLIN | POLLRDNORM;
        u64 now = poll_event();
        if (m_seen.exchange(now, std::memory_order_acq_rel) != now) mask |= POLLERR | POLLPRI;
        return mask;
    }

private:
    u64 poll_event() const {
        return m_node.entry && (m_node.entry->flags & kProcPollMounts) ? mount_event() : 0;
    }

    ProcNode m_node;
    Credentials m_viewer;
    Mutex m_lock{"proc-file"};
    SeqBuf m_buf;
    bool m_generated = false;
    std::atomic<u64> m_seen{0};   // the counter as the last poll (or the open) saw it
};

}  // namespace

Result<void> ProcInode::open(File& file) {
    switch (m_node.kind) {
    case ProcKind::File:
    case ProcKind::FdInfo: {
        Credentials viewer = viewer_credentials();
        // A write-only entry (vm.drop_caches) has nothing to read even for a caller that got
        // here without the permission check (an fd reopened through /proc/<pid>/fd).
        if (file.readable() && m_node.entry && !m_node.entry->show) return Error(EACCES);
        if (m_node.pid && m_node.entry && (m_node.entry->flags & kProcInspect)) {
            auto r = check_inspect(m_node.pid, viewer);
            if (r.is_error()) return r.error_code() == ESRCH ? Error(ENOENT) : r.error();
        }
        auto* ops = new (std::nothrow) ProcFileOps(m_node, viewer);
        if (!ops) return Error(ENOMEM);
        OwnPtr<ProcFileOps> owned(ops);
        if (m_node.kind == ProcKind::FdInfo) TRY(ops->generate());
        file.set_owned_ops(std::move(owned));
        return {};
    }
    case ProcKind::Link:
    case ProcKind::FdLink:
        return Error(ENXIO);   // only O_PATH opens a symlink itself; those never get here
    default:
        file.set_ops(directory_ops());
        return {};
    }
}
