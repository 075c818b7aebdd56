// SPDX-License-Identifier: MIT
// What the file-system syscall families (syscalls/fs_*.cpp) share: user path strings copied off
// the kernel stack, descriptor lookups with Linux's fdget()/fdget_raw() distinction (O_PATH
// descriptors only reach the calls that accept them), new descriptors under RLIMIT_NOFILE, the
// close path that releases record locks, and the resolution of "*at" targets (dirfd, path,
// AT_EMPTY_PATH).
#pragma once

#include "core/credentials.h"
#include "core/fd_table.h"
#include "core/process.h"
#include "fs/vfs/file.h"
#include "fs/vfs/walk.h"
#include "syscalls/types.h"

// A path copied from user space: into an inline buffer when short (nearly all are), else into a
// kmalloc'd PATH_MAX one (two of those would not fit comfortably on a 16 KiB kernel stack).
// linux: fs/namei.c getname().
class UserPath {
public:
    UserPath() = default;
    ~UserPath();
    ARAMID_NOCOPY(UserPath);

    // EFAULT for a bad address, ENAMETOOLONG when the string does not fit PATH_MAX with its NUL,
    // ENOENT for "" unless allow_empty (LOOKUP_EMPTY), ENOMEM.
    Result<void> copy(UserCString p, bool allow_empty = false);
    StringView view() const { return StringView(m_buf, m_len); }
    bool empty() const { return m_len == 0; }

private:
    static constexpr usize kInline = 192;
    char* m_buf = m_inline;
    char* m_heap = nullptr;
    usize m_len = 0;
    char m_inline[kInline];
};

// fdget(): the open file at fd; EBADF when closed or opened with O_PATH.
Result<RefPtr<File>> fd_file(int fd);
// fn(File&) on fd's open file (EBADF as fd_file). The File is borrowed for the call, with no
// reference and no lock, when the descriptor table is the calling thread's alone (one thread, a
// table no other process shares): only this thread could then close fd, and it does not while a
// call uses the File. Otherwise a reference is held across the call. linux: fdget()/fdput().
template <typename Fn>
[[gnu::noinline]] auto with_fd_shared(int fd, Fn fn) -> decltype(fn(std::declval<File&>())) {
    RefPtr<File> f = TRY(fd_file(fd));
    return fn(*f);
}
// One thread and a table no other process shares: nothing but the calling thread changes it.
inline bool fd_table_private(const Process* p) { return p->live_threads == 1 && p->fds->ref_count() == 1; }
template <typename Fn>
[[gnu::always_inline]] inline auto with_fd(int fd, Fn fn) -> decltype(fn(std::declval<File&>())) {
    Process* p = current_process();
    FdTable& t = *p->fds;
    if (likely(fd_table_private(p))) {
        File* f = t.peek_private(fd);
        if (unlikely(!f || f->is_path_only())) return Error(EBADF);
        return fn(*f);
    }
    return with_fd_shared(fd, fn);
}
// fdget_raw(): O_PATH descriptors too (fstat, fchdir, fcntl, close, dup, *at bases).
Result<RefPtr<File>> fd_file_raw(int fd);

// The calling process's RLIMIT_NOFILE soft limit.
u64 nofile_limit();
// EMFILE when no descriptor below the limit is free (Linux reserves the descriptor before the
// path walk, so EMFILE wins over ENOENT).
Result<void> fd_check_available();
// Installs f at the lowest free descriptor >= min_fd.
Result<int> fd_install(RefPtr<File> f, bool cloexec, int min_fd = 0);
// close(2): removes fd, then drops the process's POSIX locks on the file and the flock/OFD
// locks of descriptions nothing refers to any more. linux: filp_close().
Result<void> fd_close(int fd);
// Lock bookkeeping for a File that left the table some other way (dup2 over it, close_range).
void fd_closed_file(File& f);

// The calling process's credentials, and a copy with the real ids as the file-system ids
// (access(2) without AT_EACCESS; linux: access_override_creds()).
const Credentials& current_creds();
Credentials real_id_creds();

// The process root, cwd and credentials with `base` as the start of relative walks.
WalkContext walk_context_with(const Path& base, const Credentials& creds);

// What an *at call names: a resolved path, or (AT_EMPTY_PATH with "") the descriptor itself,
// whose File may have no path at all (pipes, sockets).
struct AtTarget {
    Path path;
    RefPtr<File> file;
    Inode& inode() const { return file ? file->inode() : *path.inode(); }
    const Mount* mount() const { return file ? file->path().mnt.ptr() : path.mnt.ptr(); }
    Dentry* dentry() const { return file ? file->path().dentry.ptr() : path.dentry.ptr(); }
};

// Resolves (dirfd, path) as Linux's user_path_at(): "" with empty_ok names dirfd itself (the
// cwd for AT_FDCWD; any descriptor, O_PATH included); otherwise a walk from dirfd_base()
// following a final symlink when follow. creds: whose search permission the walk checks.
Result<AtTarget> resolve_at(int dirfd, StringView path, bool empty_ok, bool follow, const Credentials& creds);
Result<AtTarget> resolve_at(int dirfd, StringView path, bool empty_ok, bool follow);

// The pipe implementation's fcntl(F_GETPIPE_SZ/F_SETPIPE_SZ) hook: a weak symbol, so fcntl
// answers EINVAL until a pipe layer defines it. Returns EBADF/EINVAL for non-pipes itself.
Result<long> pipe_fcntl(File& f, unsigned cmd, u64 arg) __attribute__((weak));

// Whether O_ASYNC (FASYNC) can be set on f: Linux lets only files with a fasync operation have
// it (pipes, sockets, terminals); regular files and directories never show it.
// LINUX-DIVERGENCE: every character device counts as fasync-capable (FileOps has no fasync).
bool file_supports_fasync(const File& f);

// linux: include/linux/fs.h MAX_RW_COUNT, the most one read/write call moves.
constexpr usize kMaxRwCount = 0x7ffff000;
