// SPDX-License-Identifier: MIT
#include "fs/vfs/stat.h"

#include <cstddef>

#include "abi/linux/fs_abi.h"
#include "abi/linux/uapi.h"

// x86_64 layouts (linux: arch/x86/include/uapi/asm/stat.h, include/uapi/linux/stat.h).
static_assert(sizeof(struct stat) == 144);
static_assert(offsetof(struct stat, st_mode) == 24);
static_assert(offsetof(struct stat, st_size) == 48);
static_assert(offsetof(struct stat, st_atime) == 72);
static_assert(sizeof(struct statx) == 256);
static_assert(offsetof(struct statx, stx_mode) == 28);
static_assert(offsetof(struct statx, stx_ino) == 32);
static_assert(offsetof(struct statx, stx_atime) == 64);
static_assert(offsetof(struct statx, stx_rdev_major) == 128);
static_assert(offsetof(struct statx, stx_mnt_id) == 144);
static_assert(sizeof(struct statfs) == 120);
static_assert(offsetof(struct statfs, f_fsid) == 56);
static_assert(kDtDir == (S_IFDIR >> 12) && mode_to_dtype(S_IFLNK) == 10 && mode_to_dtype(S_IFREG) == 8);
static_assert(S_IFMT >> 12 == 0xf);

void fill_stat(const Inode& inode, struct stat& st) {
    __builtin_memset(&st, 0, sizeof(st));
    st.st_dev = dev_encode(inode.sb().dev());
    st.st_ino = inode.ino();
    st.st_nlink = inode.nlink();
    st.st_mode = inode.mode();
    st.st_uid = inode.uid();
    st.st_gid = inode.gid();
    st.st_rdev = dev_encode(inode.rdev());
    st.st_size = static_cast<long>(inode.size());
    st.st_blksize = 4096;
    st.st_blocks = static_cast<long>(inode.blocks());
    Timespec a = inode.atime(), m = inode.mtime(), c = inode.ctime();
    st.st_atime = static_cast<unsigned long>(a.sec);
    st.st_atime_nsec = static_cast<unsigned long>(a.nsec);
    st.st_mtime = static_cast<unsigned long>(m.sec);
    st.st_mtime_nsec = static_cast<unsigned long>(m.nsec);
    st.st_ctime = static_cast<unsigned long>(c.sec);
    st.st_ctime_nsec = static_cast<unsigned long>(c.nsec);
}

void fill_statx(const Inode& inode, const Mount* mnt, u32 request_mask, struct statx& sx) {
    (void)request_mask;   // Aramid has every basic field at hand, so it always returns them
    __builtin_memset(&sx, 0, sizeof(sx));
    sx.stx_mask = STATX_BASIC_STATS;
    sx.stx_blksize = 4096;
    sx.stx_nlink = inode.nlink();
    sx.stx_uid = inode.uid();
    sx.stx_gid = inode.gid();
    sx.stx_mode = static_cast<u16>(inode.mode());
    sx.stx_ino = inode.ino();
    sx.stx_size = inode.size();
    sx.stx_blocks = inode.blocks();
    auto ts = [](Timespec t) {
        struct statx_timestamp r{};
        r.tv_sec = t.sec;
        r.tv_nsec = static_cast<u32>(t.nsec);
        return r;
    };
    sx.stx_atime = ts(inode.atime());
    sx.stx_mtime = ts(inode.mtime());
    sx.stx_ctime = ts(inode.ctime());
    sx.stx_rdev_major = dev_major(inode.rdev());
    sx.stx_rdev_minor = dev_minor(inode.rdev());
    sx.stx_dev_major = dev_major(inode.sb().dev());
    sx.stx_dev_minor = dev_minor(inode.sb().dev());
    if (mnt) {
        sx.stx_mask |= STATX_MNT_ID;
        sx.stx_mnt_id = mnt->id();
    }
}

void fill_statfs(SuperBlock& sb, const Mount* mnt, struct statfs& out) {
    FsStats s;
    sb.statfs(s);
    __builtin_memset(&out, 0, sizeof(out));
    out.f_type = static_cast<long>(s.type);
    out.f_bsize = static_cast<long>(s.bsize);
    out.f_blocks = static_cast<long>(s.blocks);
    out.f_bfree = static_cast<long>(s.bfree);
    out.f_bavail = static_cast<long>(s.bavail);
    out.f_files = static_cast<long>(s.files);
    out.f_ffree = static_cast<long>(s.ffree);
    // linux: the fsid is the encoded device number split over two words.
    u32 dev = dev_encode(sb.dev());
    out.f_fsid.val[0] = static_cast<int>(dev);
    out.f_fsid.val[1] = 0;
    out.f_namelen = static_cast<long>(s.namelen);
    out.f_frsize = static_cast<long>(s.frsize);
    long flags = kStValid;
    if (mnt) {
        u64 mf = mnt->flags();
        if (mf & MS_RDONLY) flags |= kStRdonly;
        if (mf & MS_NOSUID) flags |= kStNosuid;
        if (mf & MS_NODEV) flags |= kStNodev;
        if (mf & MS_NOEXEC) flags |= kStNoexec;
    }
    out.f_flags = flags;
}
