// SPDX-License-Identifier: MIT
// /proc/self/maps: every line in Linux's layout (addresses, permissions, offset, device, inode, the path
// column at 73), [stack] and [heap], anonymous and file mappings with their offsets, device and inode,
// splitting by mprotect, and statm agreeing with stat. (musl's sbrk cannot grow the break: the heap
// check prints "no" on Linux too for that variant.)
#include "contract.h"
#include <sys/mman.h>

static char text[65536];

// The line for the mapping that starts at addr (copied into out), or 0.
static int line_for(void *addr, char *out, size_t cap)
{
    ct_read_file("/proc/self/maps", text, sizeof text);
    for (char *l = text; *l;) {
        char *nl = strchr(l, '\n');
        unsigned long s = strtoul(l, 0, 16);
        if (s == (unsigned long)addr) {
            size_t n = (size_t)(nl - l) < cap - 1 ? (size_t)(nl - l) : cap - 1;
            memcpy(out, l, n);
            out[n] = 0;
            return 1;
        }
        l = nl + 1;
    }
    return 0;
}

int main(void)
{
    ct_read_file("/proc/self/maps", text, sizeof text);
    int lines = 0, bad = 0, stack = 0, named_at_73 = 1;
    for (char *l = text; *l; lines++) {
        char *nl = strchr(l, '\n');
        *nl = 0;
        unsigned long s, e, off, ino;
        unsigned ma, mi;
        char perms[8];
        int end = 0;
        if (sscanf(l, "%lx-%lx %7s %lx %x:%x %lu %n", &s, &e, perms, &off, &ma, &mi, &ino, &end) != 7 || s >= e ||
            s % 4096 || e % 4096 || strlen(perms) != 4 || !strchr("r-", perms[0]) || !strchr("w-", perms[1]) ||
            !strchr("x-", perms[2]) || !strchr("ps", perms[3]) || l[8] == ' ')
            bad++;
        if (end && l[end]) {
            // A name: padded so that it starts in column 73 (when the fields are shorter).
            if (end <= 73) named_at_73 &= end == 73;
        } else if (l[strlen(l) - 1] != ' ') {
            bad++;   // nameless lines end with the space after the inode
        }
        if (strstr(l, " [stack]")) stack++;
        l = nl + 1;
    }
    say("lines > 3: %d malformed: %d names at column 73: %d [stack] lines: %d\n", lines > 3, bad, named_at_73, stack);

    char line[512];
    void *anon = mmap(NULL, 3 * 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    line_for(anon, line, sizeof line);
    unsigned long s, e;
    sscanf(line, "%lx-%lx", &s, &e);
    say("anon: size %lu rest [%s]\n", e - s, strchr(line, ' ') + 1);
    mprotect((char *)anon + 4096, 4096, PROT_READ | PROT_WRITE);
    line_for((char *)anon + 4096, line, sizeof line);
    sscanf(line, "%lx-%lx", &s, &e);
    say("after mprotect, middle: size %lu rest [%s]\n", e - s, strchr(line, ' ') + 1);
    line_for((char *)anon + 8192, line, sizeof line);
    say("after mprotect, last: [%s]\n", strchr(line, ' ') + 1);
    munmap(anon, 3 * 4096);

    // A private file mapping at offset 4096: perms, offset, device and inode of the file, its path.
    int fd = open("mapped", O_RDWR | O_CREAT, 0644);
    ftruncate(fd, 3 * 4096);
    struct stat st;
    fstat(fd, &st);
    void *fm = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 4096);
    line[0] = 0;
    line_for(fm, line, sizeof line);
    char perms[8] = "", path[256] = "", cwd[256];
    unsigned long off = 0, ino = 0;
    unsigned ma = 0, mi = 0;
    sscanf(line, "%*lx-%*lx %7s %lx %x:%x %lu %255s", perms, &off, &ma, &mi, &ino, path);
    sscanf(line, "%lx-%lx", &s, &e);
    getcwd(cwd, sizeof cwd);
    strcat(cwd, "/mapped");
    say("file: perms %s offset %lx size %lu\n", perms, off, e - s);
    FACT("file: device and inode match fstat", ma == major(st.st_dev) && mi == minor(st.st_dev) && ino == st.st_ino);
    FACT("file: path is the file's", strcmp(path, cwd) == 0);
    munmap(fm, 8192);
    close(fd);

    // The heap appears once the break moves.
    void *brk0 = sbrk(0);
    sbrk(8192);
    ct_read_file("/proc/self/maps", text, sizeof text);
    FACT("[heap] present after sbrk", strstr(text, " [heap]\n") != NULL);
    sbrk(-8192);
    (void)brk0;

    // statm agrees with stat: size in pages = vsize / 4096, resident = rss.
    char st1[1024], sm[256];
    ct_read_file("/proc/self/stat", st1, sizeof st1);
    ct_read_file("/proc/self/statm", sm, sizeof sm);
    unsigned long size, res, shared, textp, lib, data, dt;
    int n = sscanf(sm, "%lu %lu %lu %lu %lu %lu %lu", &size, &res, &shared, &textp, &lib, &data, &dt);
    char *p = strrchr(st1, ')') + 2;
    unsigned long long vsize = 0, rss = 0;
    for (int i = 3; i <= 24; i++) {
        if (i == 23) vsize = strtoull(p, 0, 10);
        if (i == 24) rss = strtoull(p, 0, 10);
        p = strchr(p, ' ') + 1;
    }
    say("statm fields: %d lib %lu dt %lu\n", n, lib, dt);
    FACT("statm size matches stat vsize", size * 4096 == vsize);
    FACT("statm resident matches stat rss", res == rss);
    FACT("text pages > 0 and data pages > 0", textp > 0 && data > 0);
    return 0;
}
