// SPDX-License-Identifier: MIT
// Deterministic input data for the workloads (the same bytes on every kernel and every run):
//   gen text FILE BYTES   lines of words from a small vocabulary (compressible, many duplicates)
//   gen tree DIR          a small source-like tree: 4 directories, 48 files, about 300 KiB
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static unsigned long long g_state = 0x243f6a8885a308d3ULL;
static unsigned rnd(unsigned n) {
    g_state = g_state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (unsigned)(g_state >> 33) % n;
}

static const char *const words[] = {
    "kernel", "page", "fault", "syscall", "pipe", "signal", "thread", "process", "inode", "dentry",
    "mount", "tmpfs", "vfs", "buffer", "cache", "lock", "mutex", "futex", "wait", "queue", "timer",
    "clock", "tick", "irq", "apic", "tsc", "hpet", "acpi", "elf", "exec", "fork", "clone", "mmap",
    "brk", "stack", "heap", "slab", "buddy", "zone", "node", "cpu", "core", "sched", "yield", "epoll",
    "poll", "select", "socket", "unix", "tcp", "udp", "ip", "route", "netdev", "virtio", "block",
    "ext2", "superblock", "journal", "extent", "bitmap", "tree", "list", "hash", "map", "vector",
};
#define NWORDS (sizeof words / sizeof words[0])

static int write_text(const char *path, long bytes) {
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        return 1;
    }
    long written = 0;
    while (written < bytes) {
        int n = 1 + rnd(6);
        char line[256];
        int len = 0;
        for (int i = 0; i < n; i++) {
            // Zipf-like: small indices are much more frequent.
            unsigned w = rnd(NWORDS);
            w = rnd(w + 1);
            len += snprintf(line + len, sizeof line - len, "%s%s", i ? " " : "", words[w]);
        }
        line[len++] = '\n';
        if (written + len > bytes) len = (int)(bytes - written);
        fwrite(line, 1, len, f);
        written += len;
    }
    return fclose(f) != 0;
}

static int make_tree(const char *dir) {
    char path[512];
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        perror(dir);
        return 1;
    }
    for (int d = 0; d < 4; d++) {
        snprintf(path, sizeof path, "%s/dir%d", dir, d);
        if (mkdir(path, 0755) != 0 && errno != EEXIST) {
            perror(path);
            return 1;
        }
        for (int i = 0; i < 12; i++) {
            snprintf(path, sizeof path, "%s/dir%d/file%02d.c", dir, d, i);
            if (write_text(path, 512 + rnd(12000))) return 1;
        }
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 4 && strcmp(argv[1], "text") == 0) return write_text(argv[2], strtol(argv[3], NULL, 10));
    if (argc == 3 && strcmp(argv[1], "tree") == 0) return make_tree(argv[2]);
    fprintf(stderr, "usage: gen text FILE BYTES | gen tree DIR\n");
    return 2;
}
