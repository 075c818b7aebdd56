// SPDX-License-Identifier: MIT
// statx: mask bits honoured, fields agree with stat, AT_EMPTY_PATH, AT_SYMLINK_NOFOLLOW, invalid flags.
#include "contract.h"
#include <sys/syscall.h>

// Our own copy of the UAPI struct: musl 1.2.3 has no statx declarations.
struct ct_statx_ts { int64_t tv_sec; uint32_t tv_nsec; int32_t reserved; };
struct ct_statx {
    uint32_t stx_mask, stx_blksize;
    uint64_t stx_attributes;
    uint32_t stx_nlink, stx_uid, stx_gid;
    uint16_t stx_mode, spare0;
    uint64_t stx_ino, stx_size, stx_blocks, stx_attributes_mask;
    struct ct_statx_ts stx_atime, stx_btime, stx_ctime, stx_mtime;
    uint32_t stx_rdev_major, stx_rdev_minor, stx_dev_major, stx_dev_minor;
    uint64_t spare2[14];
};
#define CT_STATX_TYPE 0x1U
#define CT_STATX_SIZE 0x200U
#define CT_STATX_BASIC 0x7ffU

int main(void)
{
    ct_write_file("f", "hello", 0604);
    symlink("f", "l");
    struct ct_statx sx;
    struct stat st;
    memset(&sx, 0xff, sizeof sx);
    RET(syscall(SYS_statx, AT_FDCWD, "f", 0, CT_STATX_BASIC, &sx));
    stat("f", &st);
    say("basic in mask: %s\n", (sx.stx_mask & CT_STATX_BASIC) == CT_STATX_BASIC ? "yes" : "no");
    say("size=%llu mode=%o nlink=%u uid=%u gid=%u\n", (unsigned long long)sx.stx_size, sx.stx_mode, sx.stx_nlink,
        sx.stx_uid, sx.stx_gid);
    FACT("ino matches stat", sx.stx_ino == st.st_ino);
    FACT("mtime matches stat", (long long)sx.stx_mtime.tv_sec == (long long)st.st_mtime);
    FACT("blksize matches", sx.stx_blksize == (unsigned)st.st_blksize);
    FACT("dev matches", makedev(sx.stx_dev_major, sx.stx_dev_minor) == st.st_dev);
    FACT("reserved zero", sx.spare0 == 0);
    RET(syscall(SYS_statx, AT_FDCWD, "l", AT_SYMLINK_NOFOLLOW, CT_STATX_TYPE, &sx));
    say("link type: %d\n", S_ISLNK(sx.stx_mode));
    RET(syscall(SYS_statx, AT_FDCWD, "l", 0, CT_STATX_TYPE | CT_STATX_SIZE, &sx));
    say("followed: reg=%d size=%llu\n", S_ISREG(sx.stx_mode), (unsigned long long)sx.stx_size);
    int fd = open("f", O_RDONLY);
    RET(syscall(SYS_statx, fd, "", AT_EMPTY_PATH, CT_STATX_SIZE, &sx));
    RET(syscall(SYS_statx, fd, "", 0, CT_STATX_SIZE, &sx));
    RET(syscall(SYS_statx, AT_FDCWD, "f", 0, 0x80000000U, &sx));
    RET(syscall(SYS_statx, AT_FDCWD, "f", 0x12345678, CT_STATX_SIZE, &sx));
    RET(syscall(SYS_statx, AT_FDCWD, "f", 0, CT_STATX_SIZE, NULL));
    RET(syscall(SYS_statx, AT_FDCWD, "nope", 0, CT_STATX_SIZE, &sx));
    return 0;
}
