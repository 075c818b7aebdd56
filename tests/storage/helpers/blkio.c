// SPDX-License-Identifier: MIT
// Storage scenario helper: the block-device calls BusyBox cannot make (pread/pwrite at any offset,
// lseek limits, BLK* ioctls with good and bad arguments, fsync), each printed with its result or
// errno name so Linux and Aramid can be compared line by line.
// Usage: blkio DEVICE SCRATCH_SECTOR (the sector where it may write: it and the next two), or
// blkio DEVICE append (O_APPEND writes at the start of DEVICE), or blkio DEVICE ranges (the range
// ioctls opened read-only, then read-write).
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <linux/hdreg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <termios.h>
#include <unistd.h>

static void result(const char *what, long long r) {
    if (r < 0) printf("%s: -1 %s\n", what, strerrorname_np(errno) ? strerrorname_np(errno) : "?");
    else printf("%s: %lld\n", what, r);
}

static void show(const char *what, const char *buf, long long n) {
    printf("%s: \"", what);
    for (long long i = 0; i < n; i++) {
        unsigned char c = (unsigned char)buf[i];
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') putchar(c);
        else printf("\\x%02x", c);
    }
    printf("\"\n");
}

// An address the compiler cannot see through, so the bad-buffer calls are not diagnosed at build time.
static void *volatile bad_address = (void *)8;

// BLKZEROOUT, BLKDISCARD and BLKSECDISCARD with good and bad ranges; base: a scratch byte offset
// (sector aligned, 4 sectors may be zeroed from it).
static void range_ioctls(int fd, long long base, long long size) {
    struct {
        const char *what;
        uint64_t start, len;
    } cases[] = {
        {"base, 2 sectors", base, 1024},
        {"unaligned start", base + 1, 512},
        {"unaligned length", base, 100},
        {"empty", base, 0},
        {"to the end", size - 512, 512},
        {"past the end", size - 512, 1024},
        {"start past the end", size, 512},
        {"wrapping", (uint64_t)-512, 1024},
    };
    unsigned long cmds[] = {BLKZEROOUT, BLKDISCARD, BLKSECDISCARD};
    const char *names[] = {"BLKZEROOUT", "BLKDISCARD", "BLKSECDISCARD"};
    for (int c = 0; c < 3; c++) {
        for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
            uint64_t r[2] = {cases[i].start, cases[i].len};
            char what[96];
            snprintf(what, sizeof(what), "%s %s", names[c], cases[i].what);
            result(what, ioctl(fd, cmds[c], r));
        }
        char what[64];
        snprintf(what, sizeof(what), "%s bad pointer", names[c]);
        result(what, ioctl(fd, cmds[c], bad_address));
    }
}

// O_APPEND writes: where they land (the device's first bytes are shown before and after).
static int append_mode(const char *dev) {
    char buf[16];
    int fd = open(dev, O_RDWR | O_APPEND);
    if (fd < 0) {
        perror(dev);
        return 1;
    }
    long long n = pread(fd, buf, 16, 0);
    if (n > 0) show("first bytes before", buf, n);
    result("O_APPEND write", write(fd, "APPEND", 6));
    result("offset after", lseek(fd, 0, SEEK_CUR));
    result("O_APPEND pwrite at 0", pwrite(fd, "PW", 2, 0));
    n = pread(fd, buf, 16, 0);
    if (n > 0) show("first bytes after", buf, n);
    close(fd);
    return 0;
}

// The range ioctls on a device opened read-only and then for writing (a read-only disk, say).
static int ranges_mode(const char *dev) {
    for (int mode = 0; mode < 2; mode++) {
        int fd = open(dev, mode ? O_RDWR : O_RDONLY);
        if (fd < 0) {
            perror(dev);
            return 1;
        }
        printf("%s:\n", mode ? "O_RDWR" : "O_RDONLY");
        uint64_t size = 0;
        ioctl(fd, BLKGETSIZE64, &size);
        range_ioctls(fd, 0, (long long)size);
        close(fd);
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[2], "append") == 0) return append_mode(argv[1]);
    if (argc == 3 && strcmp(argv[2], "ranges") == 0) return ranges_mode(argv[1]);
    if (argc != 3) return 2;
    const char *dev = argv[1];
    long long base = atoll(argv[2]) * 512;
    int fd = open(dev, O_RDWR);
    if (fd < 0) {
        perror(dev);
        return 1;
    }
    struct stat st;
    fstat(fd, &st);
    printf("fstat: blk=%d rdev=%u:%u size=%lld\n", S_ISBLK(st.st_mode), major(st.st_rdev), minor(st.st_rdev),
           (long long)st.st_size);

    uint64_t size64 = 0;
    unsigned long sectors = 0;
    int ssz = 0, ro = -1, bsz = 0;
    unsigned int pbsz = 0;
    result("BLKGETSIZE64", ioctl(fd, BLKGETSIZE64, &size64));
    printf("  size64=%llu\n", (unsigned long long)size64);
    result("BLKGETSIZE", ioctl(fd, BLKGETSIZE, &sectors));
    printf("  sectors=%lu\n", sectors);
    result("BLKSSZGET", ioctl(fd, BLKSSZGET, &ssz));
    printf("  ssz=%d\n", ssz);
    result("BLKPBSZGET", ioctl(fd, BLKPBSZGET, &pbsz));
    printf("  pbsz=%u\n", pbsz);
    result("BLKBSZGET", ioctl(fd, BLKBSZGET, &bsz));
    printf("  bsz=%d\n", bsz);
    result("BLKROGET", ioctl(fd, BLKROGET, &ro));
    printf("  ro=%d\n", ro);
    unsigned int io_min = 0, io_opt = 0, dzeroes = 0;
    int alignoff = -1;
    unsigned short sectmax = 0;
    result("BLKIOMIN", ioctl(fd, BLKIOMIN, &io_min));
    result("BLKIOOPT", ioctl(fd, BLKIOOPT, &io_opt));
    result("BLKALIGNOFF", ioctl(fd, BLKALIGNOFF, &alignoff));
    result("BLKDISCARDZEROES", ioctl(fd, BLKDISCARDZEROES, &dzeroes));
    result("BLKSECTGET", ioctl(fd, BLKSECTGET, &sectmax));
    printf("  io_min=%u io_opt=%u alignoff=%d discard_zeroes=%u max_sectors=%u\n", io_min, io_opt, alignoff, dzeroes,
           sectmax);
    result("BLKGETSIZE64 bad pointer", ioctl(fd, BLKGETSIZE64, (void *)8));
    result("BLKSSZGET NULL", ioctl(fd, BLKSSZGET, NULL));
    result("BLKROGET bad pointer", ioctl(fd, BLKROGET, (void *)-4096L));
    result("unknown ioctl", ioctl(fd, _IO(0x12, 250), 0));
    struct termios t;
    result("TCGETS", ioctl(fd, TCGETS, &t));
    struct hd_geometry geo = {0};
    result("HDIO_GETGEO", ioctl(fd, HDIO_GETGEO, &geo));
    printf("  heads=%u sectors=%u cylinders=%u start=%lu\n", geo.heads, geo.sectors, geo.cylinders, geo.start);
    result("HDIO_GETGEO NULL", ioctl(fd, HDIO_GETGEO, NULL));
    result("HDIO_GETGEO bad pointer", ioctl(fd, HDIO_GETGEO, (void *)16));
    result("BLKFLSBUF", ioctl(fd, BLKFLSBUF, 0));
    result("BLKRRPART", ioctl(fd, BLKRRPART, 0));

    off_t size = (off_t)size64;
    result("lseek SEEK_END 0", lseek(fd, 0, SEEK_END));
    result("lseek SEEK_END -1", lseek(fd, -1, SEEK_END));
    result("lseek SEEK_END +1", lseek(fd, 1, SEEK_END));
    result("lseek SEEK_SET size", lseek(fd, size, SEEK_SET));
    result("lseek SEEK_SET size+1", lseek(fd, size + 1, SEEK_SET));
    result("lseek SEEK_SET -1", lseek(fd, -1, SEEK_SET));
    result("lseek SEEK_DATA 5", lseek(fd, 5, SEEK_DATA));
    result("lseek SEEK_HOLE 5", lseek(fd, 5, SEEK_HOLE));

    char buf[2048];
    result("pwrite across a sector boundary", pwrite(fd, "0123456789abc", 13, base + 509));
    long long n = pread(fd, buf, 24, base + 503);
    result("pread it back", n);
    if (n > 0) show("  bytes", buf, n);
    memset(buf, 'Q', 1100);
    result("pwrite 1100 from mid-sector", pwrite(fd, buf, 1100, base + 700));
    n = pread(fd, buf, 1300, base + 600);
    result("pread 1300", n);
    if (n > 0) {
        int q = 0;
        for (int i = 0; i < n; i++) q += buf[i] == 'Q';
        printf("  Q bytes: %d, first 'Q' at +%ld\n", q, (long)(memchr(buf, 'Q', n) ? (char *)memchr(buf, 'Q', n) - buf : -1));
    }
    result("read at file offset after lseek", (lseek(fd, base + 509, SEEK_SET), read(fd, buf, 5)));
    show("  bytes", buf, 5);
    result("file offset now", lseek(fd, 0, SEEK_CUR));

    result("pread at the end", pread(fd, buf, 100, size));
    result("pread past the end", pread(fd, buf, 100, size + 4096));
    n = pread(fd, buf, 100, size - 10);
    result("pread across the end", n);
    result("pwrite across the end", pwrite(fd, "ENDENDENDEND", 12, size - 4));
    n = pread(fd, buf, 8, size - 8);
    if (n > 0) show("  last bytes", buf, n);
    result("pwrite at the end", pwrite(fd, "x", 1, size));
    result("pwrite past the end", pwrite(fd, "x", 1, size + 512));
    result("pwrite 0 bytes past the end", pwrite(fd, "x", 0, size + 512));
    result("pread bad buffer", pread(fd, bad_address, 16, 0));
    result("pwrite bad buffer", pwrite(fd, bad_address, 16, base));
    result("pread negative offset", pread(fd, buf, 16, -1));

    memset(buf, 'R', 2048);
    pwrite(fd, buf, 2048, base);
    range_ioctls(fd, base, size);
    n = pread(fd, buf, 2048, base);
    if (n == 2048) {
        int zero = 0, r = 0;
        for (int i = 0; i < 2048; i++) zero += buf[i] == 0, r += buf[i] == 'R';
        printf("after the range ioctls: %d zero bytes, %d 'R' bytes\n", zero, r);
    }
    result("fsync", fsync(fd));
    result("fdatasync", fdatasync(fd));
    result("syncfs", syncfs(fd));
    close(fd);

    fd = open(dev, O_RDONLY);
    result("write to O_RDONLY", write(fd, "x", 1));
    result("fsync O_RDONLY", fsync(fd));
    close(fd);
    return 0;
}
