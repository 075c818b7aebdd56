// SPDX-License-Identifier: MIT
// When /proc/self/maps shows one line for neighbouring mappings (Linux's vma_merge): adjacent
// anonymous mmaps, a split undone by mprotect or munlock, mappings of one open file at contiguous
// offsets; and when it keeps them apart: other opens of the file, offset gaps, separately written
// anonymous memory, a once-writable private range beside a never-writable one.
#include "contract.h"
#include <sys/mman.h>

static char maps[1 << 16];

static int lines_in(void *from, size_t len)
{
    ct_read_file("/proc/self/maps", maps, sizeof maps);
    unsigned long a = (unsigned long)from, b = a + len;
    int n = 0;
    for (char *l = strtok(maps, "\n"); l; l = strtok(NULL, "\n")) {
        unsigned long lo, hi;
        if (sscanf(l, "%lx-%lx", &lo, &hi) == 2 && lo < b && hi > a) n++;
    }
    return n;
}

// A fresh reserved area with PROT_NONE guards around the 8 pages at the returned address.
static char *area(void)
{
    char *g = mmap(NULL, 10 * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    return g + 4096;
}

#define FIX(p, n, prot, flags, fd, off) mmap((p), (n) * 4096, (prot), MAP_FIXED | (flags), (fd), (off))
#define RW (PROT_READ | PROT_WRITE)

int main(void)
{
    char *a = area();
    FIX(a, 4, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    FIX(a + 4 * 4096, 4, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    say("two adjacent anonymous mmaps: %d line(s)\n", lines_in(a, 8 * 4096));
    memset(a, 1, 8 * 4096);
    mprotect(a + 2 * 4096, 2 * 4096, PROT_READ);
    say("after mprotect of a middle part: %d\n", lines_in(a, 8 * 4096));
    mprotect(a + 2 * 4096, 2 * 4096, RW);
    say("after restoring it: %d\n", lines_in(a, 8 * 4096));
    mlock(a, 4096);
    say("after mlock of the first page: %d\n", lines_in(a, 8 * 4096));
    munlock(a, 4096);
    say("after munlock: %d\n", lines_in(a, 8 * 4096));
    madvise(a + 4096, 4096, MADV_DONTFORK);
    say("after MADV_DONTFORK of one page: %d\n", lines_in(a, 8 * 4096));
    madvise(a + 4096, 4096, MADV_DOFORK);
    say("after MADV_DOFORK: %d\n", lines_in(a, 8 * 4096));

    // Written separately, then made alike: their anonymous pages keep them apart.
    char *b = area();
    FIX(b, 4, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    b[0] = 1;
    FIX(b + 4 * 4096, 4, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mprotect(b + 4 * 4096, 4 * 4096, RW);
    b[4 * 4096] = 1;
    say("fresh neighbour made writable after the first was written: %d\n", lines_in(b, 8 * 4096));
    char *c = area();
    FIX(c, 4, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    c[0] = 1;
    FIX(c + 4 * 4096, 4, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    c[4 * 4096] = 1;
    say("written neighbour mapped writable: %d\n", lines_in(c, 8 * 4096));

    // Private read-only next to once-writable read-only (VM_ACCOUNT).
    char *d = area();
    FIX(d, 4, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    FIX(d + 4 * 4096, 4, RW, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mprotect(d + 4 * 4096, 4 * 4096, PROT_READ);
    say("read-only beside once-writable read-only: %d\n", lines_in(d, 8 * 4096));

    int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
    ftruncate(fd, 16 * 4096);
    char *e = area();
    FIX(e, 4, PROT_READ, MAP_SHARED, fd, 0);
    FIX(e + 4 * 4096, 4, PROT_READ, MAP_SHARED, fd, 4 * 4096);
    say("one file, contiguous offsets: %d\n", lines_in(e, 8 * 4096));
    char *f = area();
    FIX(f, 4, PROT_READ, MAP_SHARED, fd, 0);
    FIX(f + 4 * 4096, 4, PROT_READ, MAP_SHARED, fd, 8 * 4096);
    say("one file, offset gap: %d\n", lines_in(f, 8 * 4096));
    int fd2 = open("f", O_RDONLY);
    char *g = area();
    FIX(g, 4, PROT_READ, MAP_SHARED, fd, 0);
    FIX(g + 4 * 4096, 4, PROT_READ, MAP_SHARED, fd2, 4 * 4096);
    say("two opens of the file: %d\n", lines_in(g, 8 * 4096));
    char *h = area();
    FIX(h, 4, PROT_READ, MAP_PRIVATE, fd, 0);
    FIX(h + 4 * 4096, 4, PROT_READ, MAP_SHARED, fd, 4 * 4096);
    say("private beside shared: %d\n", lines_in(h, 8 * 4096));
    return 0;
}
