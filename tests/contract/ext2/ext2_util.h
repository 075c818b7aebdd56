// SPDX-License-Identifier: MIT
// Helpers for the ext2 contract tests: loop devices on both kernels (the Linux oracle builds loop
// as a module, which the image carries as /lib/modules/loop.ko), BusyBox's mke2fs, and attaching
// an image to a free loop device with the raw ioctls.
#ifndef EXT2_UTIL_H
#define EXT2_UTIL_H
#include "contract.h"

#include <sys/ioctl.h>
#if __has_include(<linux/loop.h>)
#include <linux/fs.h>
#include <linux/loop.h>
#else
// musl ships no kernel headers: the UAPI's numbers and layouts (linux/loop.h, linux/fs.h),
// checked against the glibc variants' real headers by the sizes below.
#include <stdint.h>
#define LO_NAME_SIZE 64
#define LO_KEY_SIZE 32
enum { LO_FLAGS_READ_ONLY = 1, LO_FLAGS_AUTOCLEAR = 4, LO_FLAGS_PARTSCAN = 8, LO_FLAGS_DIRECT_IO = 16 };
struct loop_info64 {
    uint64_t lo_device, lo_inode, lo_rdevice, lo_offset, lo_sizelimit;
    uint32_t lo_number, lo_encrypt_type, lo_encrypt_key_size, lo_flags;
    uint8_t lo_file_name[LO_NAME_SIZE], lo_crypt_name[LO_NAME_SIZE], lo_encrypt_key[LO_KEY_SIZE];
    uint64_t lo_init[2];
};
struct loop_config {
    uint32_t fd, block_size;
    struct loop_info64 info;
    uint64_t __reserved[8];
};
#define LOOP_SET_FD 0x4C00
#define LOOP_CLR_FD 0x4C01
#define LOOP_SET_STATUS64 0x4C04
#define LOOP_GET_STATUS64 0x4C05
#define LOOP_SET_CAPACITY 0x4C07
#define LOOP_CONFIGURE 0x4C0A
#define LOOP_CTL_ADD 0x4C80
#define LOOP_CTL_REMOVE 0x4C81
#define LOOP_CTL_GET_FREE 0x4C82
#define BLKROGET _IO(0x12, 94)
#define BLKGETSIZE64 _IOR(0x12, 114, size_t)
#endif
_Static_assert(sizeof(struct loop_info64) == 232, "loop_info64");
_Static_assert(sizeof(struct loop_config) == 304, "loop_config");
#include <sys/mount.h>
#include <sys/syscall.h>

static int ext2_loop_ready(void)
{
    if (access("/dev/loop-control", F_OK) == 0)
        return 0;
    int fd = open("/lib/modules/loop.ko", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    int r = (int)syscall(SYS_finit_module, fd, "", 0);
    close(fd);
    return r;
}

// Runs a BusyBox applet quietly; returns its exit status (or -1).
static int ext2_busybox(const char *applet, const char *a1, const char *a2, const char *a3, const char *a4,
                        const char *a5, const char *a6)
{
    pid_t pid = fork();
    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2);
        execl("/bin/busybox", applet, a1, a2, a3, a4, a5, a6, (char *)NULL);
        _exit(127);
    }
    int st;
    if (pid < 0 || waitpid(pid, &st, 0) < 0)
        return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

// A zero-filled image file of kib KiB with an ext2 file system made by BusyBox's mke2fs.
static int ext2_make_image(const char *path, const char *block_size, int kib)
{
    int fd = open(path, O_CREAT | O_TRUNC | O_RDWR, 0644);
    if (fd < 0 || ftruncate(fd, (off_t)kib * 1024) < 0)
        return -1;
    close(fd);
    return ext2_busybox("mke2fs", "-F", "-b", block_size, "-m", "5", path);
}

// Attaches path to a free loop device; returns the open device (O_RDWR) and its name.
static int ext2_attach(const char *path, char *dev, size_t devlen)
{
    int ctl = open("/dev/loop-control", O_RDWR | O_CLOEXEC);
    if (ctl < 0)
        return -1;
    int n = ioctl(ctl, LOOP_CTL_GET_FREE);
    close(ctl);
    if (n < 0)
        return -1;
    snprintf(dev, devlen, "/dev/loop%d", n);
    int lfd = open(dev, O_RDWR | O_CLOEXEC);
    int ffd = open(path, O_RDWR | O_CLOEXEC);
    if (lfd < 0 || ffd < 0 || ioctl(lfd, LOOP_SET_FD, ffd) < 0) {
        if (lfd >= 0)
            close(lfd);
        if (ffd >= 0)
            close(ffd);
        return -1;
    }
    close(ffd);
    return lfd;
}

static void ext2_detach(int lfd)
{
    ioctl(lfd, LOOP_CLR_FD);
    close(lfd);
}
#endif
