// SPDX-License-Identifier: MIT
// /proc/self/maps reflects mmap/mprotect/munmap: permissions, splits and names ([stack], [heap], file paths).
#include "contract.h"
#include <sys/mman.h>

static void find_(void *addr, const char *label, int pages)
{
    // Read with open/read into a static buffer: stdio would allocate memory and change the map.
    static char text[65536];
    ct_read_file("/proc/self/maps", text, sizeof text);
    unsigned long a = (unsigned long)addr;
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        unsigned long lo, hi;
        char perm[8];
        if (sscanf(line, "%lx-%lx %7s", &lo, &hi, perm) == 3 && a >= lo && a < hi) {
            char *name = strrchr(line, ' ');
            say("%s: %s pages=%ld name=%s\n", label, perm, pages ? (long)((hi - lo) / 4096) : -1L, strchr(name, '/') ? strrchr(name, '/') + 1 : name + 1);
            return;
        }
    }
    say("%s: not mapped\n", label);
}

#define find(a, l) find_(a, l, 1)

int main(void)
{
    // PROT_NONE guard pages on both sides keep the region from merging with neighbours.
    char *g = mmap(NULL, 7 * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *p = g + 4096;
    mprotect(p, 5 * 4096, PROT_READ | PROT_WRITE);
    find(p, "anon");
    mprotect(p + 4096, 4096, PROT_READ);
    find(p, "first part");
    find(p + 4096, "read-only part");
    find(p + 2 * 4096, "last part");
    munmap(p + 3 * 4096, 4096);
    find(p + 3 * 4096, "unmapped page");
    find(p + 4 * 4096, "after hole");
    int local;
    find_(&local, "stack", 0);
    ct_write_file("data", "x", 0644);
    int fd = open("data", O_RDONLY);
    char *m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
    find(m, "file");
    char *pv = mmap(NULL, 4096, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0);
    find(pv, "private exec file");
    return 0;
}
