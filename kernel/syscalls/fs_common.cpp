// SPDX-License-Identifier: MIT
#include "ipc/mqueue.h"
#include "syscalls/fs_common.h"

#include "abi/linux/uapi.h"
#include "core/fd_table.h"
#include "core/process.h"
#include "fs/vfs/path.h"
#include "mm/kheap.h"
#include "syscalls/fs_locks.h"
#include "syscalls/fs_util.h"

UserPath::~UserPath() { kfree(m_heap); }

Result<void> UserPath::copy(UserCString p, bool allow_empty) {
    m_buf = m_inline;
    auto r = copy_string_from_user(m_inline, kInline, p.addr);
    if (r.is_error() && r.error_code() == ENAMETOOLONG) {   // longer than the inline buffer
        if (!m_heap) {
            m_heap = static_cast<char*>(kmalloc(kPathMax));
            if (!m_heap) return Error(ENOMEM);
        }
        m_buf = m_heap;
        m_len = TRY(copy_string_from_user(m_heap, kPathMax, p.addr));
    } else {
        m_len = TRY(std::move(r));
    }
    if (m_len == 0 && !allow_empty) return Error(ENOENT);
    return {};
}

Result<RefPtr<File>> fd_file_raw(int fd) {
    Process* p = current_process();
    if (likely(fd_table_private(p))) {   // no lock needed: only this thread changes the table
        File* f = p->fds->peek_private(fd);
        if (!f) return Error(EBADF);
        return RefPtr<File>(f);
    }
    return p->fds->get(fd);
}


Result<RefPtr<File>> fd_file(int fd) {
    RefPtr<File> f = TRY(fd_file_raw(fd));
    if (f->is_path_only()) return Error(EBADF);
    return f;
}

u64 nofile_limit() { return current_process()->rlimits[RLIMIT_NOFILE].cur; }

Result<void> fd_check_available() {
    FdTable& t = *current_process()->fds;
    u64 lim = min(nofile_limit(), u64(FdTable::kMaxFds));
    if (u64(t.lowest_free()) >= lim) return Error(EMFILE);
    return {};
}

Result<int> fd_install(RefPtr<File> f, bool cloexec, int min_fd) {
    return current_process()->fds->install(std::move(f), cloexec, min_fd, nofile_limit());
}

void fd_closed_file(File& f) {
    file_locks_release_process(current_process(), &f.inode());
    mqueue_closed(f, current_process());   // linux: the ->flush() of a message queue
}

Result<void> fd_close(int fd) {
    Process* p = current_process();
    {
        RefPtr<File> f = TRY(p->fds->close(fd));   // a racing close of the same fd: EBADF, as on Linux
        fd_closed_file(*f);
    }
    // Our reference is gone: a flock/OFD lock whose description is now unreferenced goes too.
    file_locks_collect();
    return {};
}

bool file_supports_fasync(const File& f) {
    u32 type = f.inode().mode() & S_IFMT;
    return type == S_IFIFO || type == S_IFSOCK || type == S_IFCHR;
}

const Credentials& current_creds() { return current_process()->creds; }

Credentials real_id_creds() {
    Credentials c = current_process()->creds;
    c.fsuid = c.uid;
    c.fsgid = c.gid;
    // linux: access_override_creds(): the real uid's capabilities: all permitted ones for root,
    // none for anyone else.
    c.cap_effective = c.uid == 0 ? c.cap_permitted : 0;
    return c;
}

WalkContext walk_context_with(const Path& base, const Credentials& creds) {
    return WalkContext{current_process()->fs->root(), base, creds};
}

Result<AtTarget> resolve_at(int dirfd, StringView path, bool empty_ok, bool follow, const Credentials& creds) {
    if (path.empty()) {
        if (!empty_ok) return Error(ENOENT);
        // linux: path_init() with LOOKUP_EMPTY: the descriptor's own path, whatever it is.
        if (dirfd == AT_FDCWD) return AtTarget{current_process()->fs->cwd(), {}};
        RefPtr<File> f = TRY(fd_file_raw(dirfd));
        if (f->path().dentry) return AtTarget{f->path(), {}};
        return AtTarget{{}, std::move(f)};
    }
    Path base = TRY(dirfd_base(dirfd, path));
    WalkContext ctx = walk_context_with(base, creds);
    Path p = TRY(resolve(ctx, path, follow ? kWalkFollow : 0));
    return AtTarget{std::move(p), {}};
}

Result<AtTarget> resolve_at(int dirfd, StringView path, bool empty_ok, bool follow) {
    return resolve_at(dirfd, path, empty_ok, follow, current_creds());
}
