// SPDX-License-Identifier: MIT
// File-system ABI that the UAPI headers (linux-libc-dev) do not export: the getdents64 record,
// utimensat's special nanosecond values, umount2 flags and statfs f_flags. Values and layouts are
// Linux's, cited from the kernel sources; everything else comes from abi/linux/uapi.h. This
// header includes no UAPI header itself, so pure code tested on the host (next to glibc's
// headers) can use it; fs/vfs/stat.cpp checks the values that UAPI also knows.
#pragma once

#include <cstddef>

#include "lib/types.h"

// linux: include/linux/dirent.h. d_reclen is offsetof(d_name) + strlen(name) + 1, rounded up to 8.
struct linux_dirent64 {
    u64 d_ino;
    i64 d_off;
    u16 d_reclen;
    u8 d_type;
    char d_name[1];
};
static_assert(offsetof(linux_dirent64, d_ino) == 0);
static_assert(offsetof(linux_dirent64, d_off) == 8);
static_assert(offsetof(linux_dirent64, d_reclen) == 16);
static_assert(offsetof(linux_dirent64, d_type) == 18);
static_assert(offsetof(linux_dirent64, d_name) == 19);

// d_type is the file-type nibble of st_mode (linux: include/linux/fs_types.h, S_DT()).
constexpr u8 kDtUnknown = 0;
constexpr u8 kDtDir = 4;
constexpr u8 mode_to_dtype(u32 mode) { return static_cast<u8>((mode >> 12) & 0xf); }

// linux: include/linux/stat.h (not exported by the UAPI headers; glibc's <sys/stat.h> has them).
constexpr long kUtimeNow = (1l << 30) - 1l;
constexpr long kUtimeOmit = (1l << 30) - 2l;

// linux: include/linux/fs.h, umount2(2) flags.
constexpr int kMntForce = 0x00000001;
constexpr int kMntDetach = 0x00000002;
constexpr int kMntExpire = 0x00000004;
constexpr int kUmountNoFollow = 0x00000008;

// linux: include/linux/statfs.h, statfs f_flags.
constexpr long kStRdonly = 0x0001;
constexpr long kStNosuid = 0x0002;
constexpr long kStNodev = 0x0004;
constexpr long kStNoexec = 0x0008;
constexpr long kStValid = 0x0020;

// linux: fs/namei.c MAXSYMLINKS (include/linux/namei.h).
constexpr unsigned kMaxSymlinks = 40;

// linux: include/linux/fs.h MAX_LFS_FILESIZE on 64-bit.
constexpr i64 kMaxFileSize = 0x7fffffffffffffffll;

// name_to_handle_at(2). linux: include/linux/fs.h struct file_handle (the f_handle bytes follow the
// header), MAX_HANDLE_SZ; include/linux/exportfs.h enum fid_type: the handle types of the file
// systems Aramid exports.
struct LinuxFileHandleHeader {
    u32 handle_bytes;
    i32 handle_type;
};
constexpr u32 kMaxHandleSize = 128;           // MAX_HANDLE_SZ
constexpr u32 kFileidIno32Gen = 1;            // FILEID_INO32_GEN: inode and generation (tmpfs, ext2)
constexpr u32 kFileidKernfs = 0xfe;           // FILEID_KERNFS: the 64-bit node id (cgroup2)
constexpr u32 kFileidInvalid = 0xff;          // FILEID_INVALID: the handle does not fit
