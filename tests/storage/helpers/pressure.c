// SPDX-License-Identifier: MIT
// The page cache under memory pressure (dev/cache_pressure.sh):
//   pressure write FILE MIB   a file whose every 8-byte word is its own offset, xor a constant
//   pressure hog FREE_MIB     takes anonymous memory until /proc/meminfo's MemFree is below
//                             FREE_MIB, says "hog ready" on stdout, then sleeps until killed
//   pressure check FILE       reads it back with read(2) in 64 KiB pieces and checks every word
// A kernel that cannot give back clean cached file pages fails the check (ENOMEM) or kills
// the hog while the file is read.
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define KEY 0x5a17c0de5a17c0deull
#define PIECE (64 * 1024)

static long mem_free_kib(void)
{
    FILE *f = fopen("/proc/meminfo", "r");
    char line[128];
    long v = -1;
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, "MemFree:", 8)) v = atol(line + 8);
    if (f) fclose(f);
    return v;
}

static int do_write(const char *path, long mib)
{
    static uint64_t buf[PIECE / 8];
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return perror("open"), 1;
    for (uint64_t off = 0; off < (uint64_t)mib << 20; off += PIECE) {
        for (size_t i = 0; i < PIECE / 8; i++) buf[i] = (off + i * 8) ^ KEY;
        if (write(fd, buf, PIECE) != PIECE) return perror("write"), 1;
    }
    if (fsync(fd) || close(fd)) return perror("fsync"), 1;
    printf("wrote %ld MiB\n", mib);
    return 0;
}

static int do_hog(long free_mib)
{
    long taken = 0;
    while (mem_free_kib() > free_mib * 1024) {
        char *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) return perror("mmap"), 1;
        memset(p, 0x33, 1 << 20);
        taken++;
    }
    // The amount differs between kernels (their own memory use): only say that it is done.
    fprintf(stderr, "hog: took %ld MiB\n", taken);
    printf("hog ready\n");
    fflush(stdout);
    for (;;) pause();
}

static int do_check(const char *path)
{
    static uint64_t buf[PIECE / 8];
    int fd = open(path, O_RDONLY);
    if (fd < 0) return perror("open"), 1;
    uint64_t off = 0;
    for (;;) {
        ssize_t n = read(fd, buf, PIECE);
        if (n < 0) return perror("read"), 1;
        if (n == 0) break;
        for (size_t i = 0; i < (size_t)n / 8; i++)
            if (buf[i] != ((off + i * 8) ^ KEY)) {
                printf("check: wrong word at offset %llu\n", (unsigned long long)(off + i * 8));
                return 1;
            }
        off += n;
    }
    close(fd);
    printf("check ok: %llu MiB\n", (unsigned long long)(off >> 20));
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[1], "write")) return do_write(argv[2], atol(argv[3]));
    if (argc == 3 && !strcmp(argv[1], "hog")) return do_hog(atol(argv[2]));
    if (argc == 3 && !strcmp(argv[1], "check")) return do_check(argv[2]);
    fprintf(stderr, "usage: pressure write FILE MIB | hog FREE_MIB | check FILE\n");
    return 2;
}
