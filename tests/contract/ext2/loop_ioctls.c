// SPDX-License-Identifier: MIT
// Loop device ioctls: loop-control's GET_FREE/ADD/REMOVE, SET_FD/CLR_FD, the status calls,
// CONFIGURE, SET_CAPACITY and the block device's size, with their errors.
#include "ext2/ext2_util.h"

static unsigned long long size64(int fd)
{
    unsigned long long s = 0;
    if (ioctl(fd, BLKGETSIZE64, &s) < 0)
        return ~0ull;
    return s;
}

int main(void)
{
    if (ext2_loop_ready() < 0) {
        printf("no loop devices: %s\n", ct_errname(errno));
        return 0;
    }
    int fd = open("img", O_CREAT | O_RDWR, 0644);
    OK(ftruncate(fd, 1 << 20));
    int ctl = open("/dev/loop-control", O_RDWR);
    int n = ioctl(ctl, LOOP_CTL_GET_FREE);
    FACT("free device found", n >= 0);
    RET(ioctl(ctl, LOOP_CTL_ADD, n));                            // EEXIST
    char dev[32];
    snprintf(dev, sizeof(dev), "/dev/loop%d", n);
    int lfd = open(dev, O_RDWR);
    FACT("device opened", lfd >= 0);
    struct stat st;
    OK(fstat(lfd, &st));
    FACT("block device", S_ISBLK(st.st_mode));
    printf("major %u\n", major(st.st_rdev));
    printf("unbound size %llu\n", size64(lfd));
    struct loop_info64 info;
    RET(ioctl(lfd, LOOP_GET_STATUS64, &info));
    RET(ioctl(lfd, LOOP_CLR_FD));
    RET(ioctl(lfd, LOOP_SET_STATUS64, &info));
    RET(ioctl(lfd, LOOP_SET_CAPACITY));
    RET(ioctl(lfd, LOOP_SET_FD, 999));
    int dir = open(".", O_RDONLY | O_DIRECTORY);
    RET(ioctl(lfd, LOOP_SET_FD, dir));
    close(dir);

    RET(ioctl(lfd, LOOP_SET_FD, fd));
    RET(ioctl(lfd, LOOP_SET_FD, fd));                            // EBUSY
    RET(ioctl(ctl, LOOP_CTL_REMOVE, n));                         // EBUSY while bound
    printf("size %llu\n", size64(lfd));
    memset(&info, 0, sizeof(info));
    RET(ioctl(lfd, LOOP_GET_STATUS64, &info));
    printf("number ok %d offset %llu sizelimit %llu flags %u name '%s'\n", info.lo_number == (unsigned)n,
           (unsigned long long)info.lo_offset, (unsigned long long)info.lo_sizelimit, info.lo_flags,
           (char *)info.lo_file_name);
    OK(fstat(fd, &st));
    FACT("lo_inode is the file's", info.lo_inode == st.st_ino);
    FACT("lo_device is the file's", info.lo_device == st.st_dev);

    info.lo_offset = 4096;
    info.lo_sizelimit = 65536 + 100;
    info.lo_flags = LO_FLAGS_AUTOCLEAR | LO_FLAGS_READ_ONLY;
    strcpy((char *)info.lo_file_name, "backing-name");
    RET(ioctl(lfd, LOOP_SET_STATUS64, &info));
    memset(&info, 0, sizeof(info));
    RET(ioctl(lfd, LOOP_GET_STATUS64, &info));
    printf("offset %llu sizelimit %llu flags %u name '%s'\n", (unsigned long long)info.lo_offset,
           (unsigned long long)info.lo_sizelimit, info.lo_flags, (char *)info.lo_file_name);
    printf("size %llu\n", size64(lfd));
    info.lo_flags = 0;
    info.lo_sizelimit = 0;
    RET(ioctl(lfd, LOOP_SET_STATUS64, &info));
    printf("size %llu\n", size64(lfd));
    info.lo_offset = 1ull << 63;
    RET(ioctl(lfd, LOOP_SET_STATUS64, &info));

    // Data through the device lands in the file at the offset.
    char buf[512];
    memset(buf, 'q', sizeof(buf));
    RET(pwrite(lfd, buf, sizeof(buf), 512));
    OK(fsync(lfd));
    char back[4] = {0};
    RET(pread(fd, back, 3, 4096 + 512));
    printf("file holds '%s'\n", back);
    OK(ftruncate(fd, 2 << 20));
    printf("size before capacity %llu\n", size64(lfd));
    RET(ioctl(lfd, LOOP_SET_CAPACITY));
    printf("size after capacity %llu\n", size64(lfd));
    RET(ioctl(lfd, LOOP_CLR_FD));
    RET(ioctl(lfd, LOOP_CLR_FD));
    printf("cleared size %llu\n", size64(lfd));

    // LOOP_CONFIGURE: read-only, a block size, a size limit in one call.
    struct loop_config cfg;
    memset(&cfg, 0, sizeof(cfg));
    cfg.fd = fd;
    cfg.block_size = 1000;
    RET(ioctl(lfd, LOOP_CONFIGURE, &cfg));
    cfg.block_size = 4096;
    cfg.info.lo_flags = 0x1000;
    RET(ioctl(lfd, LOOP_CONFIGURE, &cfg));
    cfg.info.lo_flags = LO_FLAGS_READ_ONLY;
    cfg.info.lo_sizelimit = 8192;
    RET(ioctl(lfd, LOOP_CONFIGURE, &cfg));
    int ro = -1;
    RET(ioctl(lfd, BLKROGET, &ro));
    printf("read-only %d size %llu\n", ro, size64(lfd));
    RET(pwrite(lfd, buf, sizeof(buf), 0));
    RET(ioctl(lfd, LOOP_CLR_FD));

    // A descriptor opened read-only makes a read-only device.
    int rofd = open("img", O_RDONLY);
    RET(ioctl(lfd, LOOP_SET_FD, rofd));
    memset(&info, 0, sizeof(info));
    RET(ioctl(lfd, LOOP_GET_STATUS64, &info));
    printf("flags %u\n", info.lo_flags);
    RET(ioctl(lfd, LOOP_CLR_FD));
    close(rofd);
    close(lfd);
    RET(ioctl(ctl, LOOP_CTL_REMOVE, 1000000));
    close(ctl);
    return 0;
}
