// SPDX-License-Identifier: MIT
// Descriptor entries: /proc/<pid>/fd/<n> (symlinks to what the descriptor refers to),
// /proc/<pid>/fdinfo/<n>, and the exe, cwd and root links, with the path formatting they share.
#include "abi/linux/fs_abi.h"
#include "abi/linux/uapi.h"
#include "fs/procfs/proc_internal.h"
#include "fs/procfs/proc_show.h"
#include "fs/procfs/proc_task.h"
#include "fs/vfs/path.h"
#include "fs/vfs/vfs.h"
#include "mm/address_space.h"
#include "mm/kheap.h"

namespace {

constexpr usize kBatch = 64;

Result<RefPtr<FdTable>> fd_table_of(const ProcNode& node) {
    TaskInfo t;
    auto r = task_snapshot(node.pid, node.tid, kTaskFds, t);
    if (r.is_error()) return Error(ENOENT);
    if (!t.fds) return Error(ENOENT);   // a zombie has no descriptors
    return t.fds;
}

Result<RefPtr<File>> file_of(const ProcNode& node) {
    auto fds = TRY(fd_table_of(node));
    auto f = fds->get(node.fd);
    if (f.is_error()) return Error(ENOENT);
    return f.release_value();
}

bool is_pipe_inode(const Inode& in) { return (in.mode() & S_IFMT) == S_IFIFO; }

}  // namespace

Path proc_viewer_root() {
    if (Process* p = current_process()) {
        // The caller's own fs context cannot go away under it (only its own exit drops it).
        if (p->fs) return p->fs->root();
    }
    return vfs_root();
}

Result<void> proc_append_path(SeqBuf& out, const Path& p, bool mark_deleted) {
    auto* buf = static_cast<char*>(kmalloc(kPathMax));
    if (!buf) return Error(ENOMEM);
    DPathInfo info{};
    auto r = d_path(p, proc_viewer_root(), buf, kPathMax, &info);
    if (r.is_ok()) out.append(r.value());
    kfree(buf);
    if (r.is_error()) return r.error();
    // linux: d_path() marks an unlinked dentry. procfs dentries are never hashed (no dcache), so
    // they would always look removed: they are not marked.
    Dentry& d = *p.dentry;
    if (mark_deleted && !d.is_root() && !d.is_hashed() && !is_proc_superblock(d.sb()) &&
        !d.sb().uncached_names())
        out.append(" (deleted)");
    return out.status();
}

Result<ProcNode> proc_fd_lookup(const ProcNode& dir, StringView name) {
    int fd;
    if (!parse_proc_number(name, fd)) return Error(ENOENT);
    ProcNode n;
    bool info = dir.kind == ProcKind::FdInfoDir;
    n.kind = info ? ProcKind::FdInfo : ProcKind::FdLink;
    n.pid = dir.pid;
    n.tid = dir.tid;
    n.fd = fd;
    unsigned code = info ? (dir.tid ? kInoTidFdInfo : kInoFdInfo) : (dir.tid ? kInoTidFd : kInoFd);
    n.ino = proc_task_ino(dir.tid ? dir.tid : dir.pid, code, static_cast<u32>(fd));
    n.parent_ino = dir.ino;
    TRY(file_of(n));
    return n;
}

Result<void> proc_fd_iterate(const ProcNode& dir, u64& pos, DirSink& sink) {
    auto fds = TRY(fd_table_of(dir));
    bool info = dir.kind == ProcKind::FdInfoDir;
    unsigned code = info ? (dir.tid ? kInoTidFdInfo : kInoFdInfo) : (dir.tid ? kInoTidFd : kInoFd);
    int scope = dir.tid ? dir.tid : dir.pid;
    int batch[kBatch];
    for (;;) {
        u64 from = pos - kProcDynamicPos;
        if (from > 0x7fffffff) return {};
        usize n = 0;
        // Under the table's spinlock: only collect numbers (ascending: the table is an array).
        fds->for_each([&](int fd, File&) {
            if (static_cast<u64>(fd) >= from && n < kBatch) batch[n++] = fd;
        });
        for (usize i = 0; i < n; i++) {
            char name[12];
            u64 next = kProcDynamicPos + static_cast<u64>(batch[i]) + 1;
            u64 ino = proc_task_ino(scope, code, static_cast<u32>(batch[i]));
            u8 type = mode_to_dtype(info ? S_IFREG : S_IFLNK);
            if (!sink.emit(format_number(name, batch[i]), ino, type, next)) return {};
            pos = next;
        }
        if (n < kBatch) return {};
    }
}

Result<u32> proc_fd_link_mode(const ProcNode& node) {
    auto f = TRY(file_of(node));
    u32 mode = S_IFLNK;
    // linux: tid_fd_update_inode(): r-x for a readable, -wx for a writable description.
    if (f->readable()) mode |= S_IRUSR | S_IXUSR;
    if (f->writable()) mode |= S_IWUSR | S_IXUSR;
    return mode;
}

Result<void> proc_fd_link_target(const ProcNode& node, const Credentials& viewer, SeqBuf& out) {
    TRY(check_inspect(node.pid, viewer));
    auto f = TRY(file_of(node));
    const Path& p = f->path();
    if (!p.dentry) {
        // Anonymous files (linux: their pseudo file systems' d_dname()).
        Inode& in = f->inode();
        auto ino = static_cast<unsigned long long>(in.ino());
        if (is_pipe_inode(in)) out.appendf("pipe:[%llu]", ino);
        else if ((in.mode() & S_IFMT) == S_IFSOCK) out.appendf("socket:[%llu]", ino);
        // linux: the name passed to anon_inode_getfile(); inotify's alone has no brackets.
        else if (StringView(in.sb().fs_name()) == "inotify") out.appendf("anon_inode:inotify");
        else out.appendf("anon_inode:[%s]", in.sb().fs_name());
        return out.status();
    }
    return proc_append_path(out, p, true);
}

Result<Path> proc_fd_magic_target(const ProcNode& node, const Credentials& viewer) {
    TRY(check_inspect(node.pid, viewer));
    auto f = TRY(file_of(node));
    if (f->path().dentry) return f->path();
    // An unnamed pipe reopens through its inode (linux: fifo_open on the pipefs inode); other
    // anonymous inodes cannot be opened again.
    if (!is_pipe_inode(f->inode())) return Error(ENXIO);
    auto d = TRY(Dentry::make_root(f->inode_ref()));
    return Path{RefPtr<Mount>(), std::move(d)};
}

Result<void> proc_fdinfo_show(const ProcNode& node, const Credentials&, SeqBuf& out) {
    auto fds = TRY(fd_table_of(node));
    auto fr = fds->get(node.fd);
    if (fr.is_error()) return Error(ENOENT);
    RefPtr<File> f = fr.release_value();
    bool cloexec = fds->cloexec(node.fd).value_or(false);
    // linux: do_dentry_open() clears the open-only flags; O_CLOEXEC lives in the fd table.
    u32 flags = f->flags() & ~u32(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_CLOEXEC);
    if (cloexec) flags |= O_CLOEXEC;
    out.appendf("pos:\t%lld\n", static_cast<long long>(f->offset()));
    out.appendf("flags:\t0%o\n", flags);
    out.appendf("mnt_id:\t%u\n", f->path().mnt ? f->path().mnt->id() : 0u);
    out.appendf("ino:\t%llu\n", static_cast<unsigned long long>(f->inode().ino()));
    char extra[256];
    usize n = f->ops().fdinfo(*f, extra, sizeof(extra));
    out.append(extra, min(n, sizeof(extra)));
    return out.status();
}

PROC_SHOW(proc_link_pid_exe) {
    TRY(check_inspect(node.pid, viewer));
    TaskInfo t;
    // linux: the executable hangs off the mm, so a zombie (or an exiting process) has none.
    if (task_snapshot(node.pid, node.tid, kTaskMm, t).is_error() || !t.mm) return Error(ENOENT);
    if (t.mm->exe_file) return proc_append_path(out, t.mm->exe_file->path(), true);   // " (deleted)" too
    if (!t.exe_path[0]) return Error(ENOENT);
    out.append(t.exe_path);   // a process whose program was not opened from a file (kernel tests)
    return out.status();
}

namespace {

Result<void> fs_link(const ProcNode& node, const Credentials& viewer, SeqBuf& out, bool cwd) {
    TRY(check_inspect(node.pid, viewer));
    TaskInfo t;
    if (task_snapshot(node.pid, node.tid, kTaskFs, t).is_error() || !t.fs) return Error(ENOENT);
    Path p = cwd ? t.fs->cwd() : t.fs->root();
    if (!p.dentry) return Error(ENOENT);
    return proc_append_path(out, p, true);
}

}  // namespace

PROC_SHOW(proc_link_pid_cwd) { return fs_link(node, viewer, out, true); }
PROC_SHOW(proc_link_pid_root) { return fs_link(node, viewer, out, false); }
