// SPDX-License-Identifier: MIT
// Helpers shared by the vfs.* ktests: a scratch tmpfs mounted under /ktest-NAME for each test
// (unmounted, and its mountpoint removed, at the end), credentials for an ordinary user, and
// short forms of the VFS calls.
#pragma once

#include "abi/linux/fs_abi.h"
#include "abi/linux/uapi.h"
#include "fs/vfs/stat.h"
#include "fs/vfs/vfs.h"
#include "fs/vfs/vfs_ops.h"
#include "ktest/ktest.h"
#include "lib/format.h"

namespace vfs_test {

inline Credentials user_creds(u32 uid, u32 gid) {
    Credentials c{};
    c.uid = c.euid = c.suid = c.fsuid = uid;
    c.gid = c.egid = c.sgid = c.fsgid = gid;
    if (uid != 0) c.cap_effective = c.cap_permitted = 0;   // as after setuid away from root
    return c;
}

template <typename T>
int err(const Result<T>& r) {
    return r.is_error() ? r.error_code() : 0;
}

// A tmpfs mounted at /ktest-<tag>; ctx() walks from "/" with cwd at the mount, as root.
class Scratch {
public:
    explicit Scratch(const char* tag, const char* options = nullptr) {
        format(m_dir, sizeof(m_dir), "/ktest-%s", tag);
        WalkContext k = kernel_walk_context();
        ok = vfs_mkdir(k, m_dir, 0755).is_ok() && vfs_mount(k, "tmpfs", m_dir, "tmpfs", 0, options).is_ok();
        if (ok) {
            auto p = resolve(k, m_dir);
            ok = p.is_ok();
            if (ok) m_path = p.release_value();
        }
    }
    ~Scratch() {
        m_path = Path{};
        if (ok) {
            auto u = vfs_umount(m_dir, 0);
            if (u.is_error()) {
                auto p = resolve(kernel_walk_context(), m_dir);
                kprintln("KTEST   scratch umount %s failed: %d (mount refs %u)", m_dir, u.error_code(),
                         p.is_ok() && p.value().mnt ? p.value().mnt->ref_count() : 0u);
            }
        }
        WalkContext k = kernel_walk_context();
        (void)vfs_rmdir(k, m_dir);
    }
    ARAMID_NOCOPY(Scratch);

    WalkContext ctx(const Credentials& c = kernel_credentials()) const { return WalkContext{vfs_root(), m_path, c}; }
    const Path& path() const { return m_path; }
    const char* dir() const { return m_dir; }
    bool ok = false;

private:
    char m_dir[64];
    Path m_path;
};

inline Result<RefPtr<File>> open(const WalkContext& c, StringView path, u32 flags, u32 mode = 0644) {
    return vfs_open(c, path, flags, mode);
}

inline Result<usize> write_str(File& f, const char* s) {
    return f.write(IoBuffer::kernel(const_cast<char*>(s), __builtin_strlen(s)));
}

// Creates (or truncates) path with the given contents.
inline Result<void> put_file(const WalkContext& c, StringView path, const char* contents, u32 mode = 0644) {
    auto f = TRY(open(c, path, O_CREAT | O_WRONLY | O_TRUNC, mode));
    TRY(write_str(*f, contents));
    return {};
}

// Reads the whole file into buf (NUL-terminated); returns the length.
inline Result<usize> get_file(const WalkContext& c, StringView path, char* buf, usize size) {
    auto f = TRY(open(c, path, O_RDONLY));
    usize n = TRY(f->read(IoBuffer::kernel(buf, size - 1)));
    buf[n] = '\0';
    return n;
}

inline bool file_is(const WalkContext& c, StringView path, const char* expect) {
    char buf[256];
    auto n = get_file(c, path, buf, sizeof(buf));
    return n.is_ok() && StringView(buf, n.value()) == StringView(expect);
}

inline u64 ino_of(const WalkContext& c, StringView path, unsigned flags = kWalkFollow) {
    auto p = resolve(c, path, flags);
    return p.is_ok() ? p.value().inode()->ino() : 0;
}

inline int lookup_err(const WalkContext& c, StringView path, unsigned flags = kWalkFollow) {
    return err(resolve(c, path, flags));
}

}  // namespace vfs_test
