// SPDX-License-Identifier: MIT
// open, openat, openat2, creat and close. Flag handling follows Linux's build_open_how() and
// build_open_flags() (fs/open.c): open/openat silently drop unknown flags, openat2 rejects them;
// O_CLOEXEC goes to the descriptor table, never into the file's flags; O_LARGEFILE is implied
// on x86_64 (F_GETFL reports it, except for O_PATH descriptors). The descriptor is reserved
// (EMFILE) before the path is walked, as Linux's get_unused_fd_flags() comes first.
#include "abi/linux/uapi.h"
#include "core/fd_table.h"
#include "core/process.h"
#include "fs/vfs/vfs_ops.h"
#include "syscalls/fs_common.h"
#include "syscalls/fs_resolve.h"
#include "syscalls/fs_util.h"
#include "syscalls/handlers.h"

namespace {

// linux: include/linux/fcntl.h VALID_OPEN_FLAGS and O_PATH_FLAGS (O_NDELAY is O_NONBLOCK here).
constexpr u64 kValidOpenFlags = O_RDONLY | O_WRONLY | O_RDWR | O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC | O_APPEND |
                                O_NONBLOCK | __O_SYNC | O_DSYNC | FASYNC | O_DIRECT | O_LARGEFILE | O_DIRECTORY |
                                O_NOFOLLOW | O_NOATIME | O_CLOEXEC | O_PATH | __O_TMPFILE;
constexpr u64 kPathFlags = O_DIRECTORY | O_NOFOLLOW | O_PATH | O_CLOEXEC;
constexpr u64 kValidResolve =
    RESOLVE_NO_XDEV | RESOLVE_NO_MAGICLINKS | RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH | RESOLVE_IN_ROOT | RESOLVE_CACHED;
constexpr u64 kAllModeBits = 07777;   // S_IALLUGO
// linux: include/linux/fcntl.h (not exported): the first published struct open_how.
constexpr usize kOpenHowSizeVer0 = 24;
static_assert(sizeof(struct open_how) == kOpenHowSizeVer0);

bool will_create(u64 flags) { return flags & (O_CREAT | __O_TMPFILE); }

struct OpenRequest {
    u64 flags;
    u64 mode;
    u64 resolve;
};

// linux: build_open_flags(): the checks every open variant makes (openat2 also rejects unknown
// bits). Returns the file flags without O_CLOEXEC.
Result<u32> check_open_flags(OpenRequest& how, bool strict) {
    u64 flags = how.flags & ~u64(O_CLOEXEC);
    if (strict) {
        if (flags & ~kValidOpenFlags) return Error(EINVAL);
        if (how.resolve & ~kValidResolve) return Error(EINVAL);
        if ((how.resolve & RESOLVE_BENEATH) && (how.resolve & RESOLVE_IN_ROOT)) return Error(EINVAL);
        if (will_create(flags)) {
            if (how.mode & ~kAllModeBits) return Error(EINVAL);
        } else if (how.mode != 0) {
            return Error(EINVAL);
        }
    }
    if ((flags & (O_DIRECTORY | O_CREAT)) == (O_DIRECTORY | O_CREAT)) return Error(EINVAL);
    if (flags & __O_TMPFILE) {
        if (!(flags & O_DIRECTORY)) return Error(EINVAL);
        if ((flags & O_ACCMODE) == O_RDONLY) return Error(EINVAL);
    }
    if ((flags & O_PATH) && (flags & ~kPathFlags)) return Error(EINVAL);
    if (flags & __O_SYNC) flags |= O_DSYNC;
    if ((how.resolve & RESOLVE_CACHED) && (flags & (O_TRUNC | O_CREAT | __O_TMPFILE))) return Error(EAGAIN);
    return static_cast<u32>(flags);
}

// linux: do_sys_openat2(): flags, then the name, then a descriptor, then the walk.
SyscallResult do_open(int dirfd, UserCString upath, OpenRequest how, bool strict) {
    u32 flags = TRY(check_open_flags(how, strict));
    bool cloexec = how.flags & O_CLOEXEC;
    UserPath path;
    TRY(path.copy(upath));
    TRY(fd_check_available());

    Process* p = current_process();
    Path base = TRY(dirfd_base(dirfd, path.view()));
    WalkContext ctx = walk_context(base);
    u64 scoped = how.resolve & (RESOLVE_BENEATH | RESOLVE_IN_ROOT);
    if (scoped) {
        // The start directory (dirfd, or the cwd for AT_FDCWD) is the walk's root: "..", "/" and
        // absolute links stay inside. A relative name makes dirfd_base() check dirfd.
        Path start = TRY(dirfd_base(dirfd, StringView("x", 1)));
        ctx.root = start;
        ctx.cwd = start;
    }
    if (how.resolve & (RESOLVE_NO_XDEV | RESOLVE_NO_SYMLINKS | RESOLVE_BENEATH | RESOLVE_IN_ROOT)) {
        bool follow_last = !(flags & O_NOFOLLOW) && !((flags & O_CREAT) && (flags & O_EXCL));
        TRY(resolve_check(ctx, path.view(), how.resolve, follow_last));
    }
    u32 mode = static_cast<u32>(how.mode) & ~p->fs->umask;
    RefPtr<File> f = TRY(vfs_open(ctx, path.view(), flags, mode));
    return TRY(fd_install(std::move(f), cloexec));
}

// open() and openat(): unknown flags are ignored, O_PATH keeps only its own flags, the mode
// only matters when creating. linux: build_open_how().
OpenRequest legacy_how(u64 flags, u32 mode) {
    OpenRequest h{flags & kValidOpenFlags, mode & kAllModeBits, 0};
    h.flags |= O_LARGEFILE;   // force_o_largefile() on 64-bit
    if (h.flags & O_PATH) h.flags &= kPathFlags;
    if (!will_create(h.flags)) h.mode = 0;
    return h;
}

}  // namespace

SyscallResult sys_open(UserCString path, Flags flags, u32 mode) {
    return do_open(AT_FDCWD, path, legacy_how(static_cast<u32>(flags.value), mode), false);
}

SyscallResult sys_openat(Fd dirfd, UserCString path, Flags flags, u32 mode) {
    return do_open(dirfd, path, legacy_how(static_cast<u32>(flags.value), mode), false);
}

SyscallResult sys_creat(UserCString path, u32 mode) {
    return do_open(AT_FDCWD, path, legacy_how(O_CREAT | O_WRONLY | O_TRUNC, mode), false);
}

SyscallResult sys_openat2(Fd dirfd, UserCString path, UserPtr<const void> uhow, usize size) {
    // linux: copy_struct_from_user(): a bigger struct is fine if the extra bytes are zero.
    if (size < kOpenHowSizeVer0) return Error(EINVAL);
    if (size > kPageSize) return Error(E2BIG);
    struct open_how how{};
    if (size > sizeof(how)) {
        u8 tail[64];
        for (usize off = sizeof(how); off < size;) {
            usize n = min(size - off, sizeof(tail));
            TRY(copy_from_user(tail, uhow.addr() + off, n));
            for (usize i = 0; i < n; i++)
                if (tail[i]) return Error(E2BIG);
            off += n;
        }
    }
    TRY(copy_from_user(&how, uhow.addr(), min(size, sizeof(how))));
    OpenRequest h{how.flags, how.mode, how.resolve};
    if (h.flags >> 32) return Error(EINVAL);
    if (!(h.flags & O_PATH)) h.flags |= O_LARGEFILE;
    // LINUX-DIVERGENCE: RESOLVE_NO_MAGICLINKS is accepted and has nothing to refuse (Aramid has
    // no magic links yet); RESOLVE_CACHED walks the dentry cache like any lookup.
    return do_open(dirfd, path, h, true);
}

SyscallResult sys_close(Fd fd) {
    TRY(fd_close(fd));
    return 0;
}
