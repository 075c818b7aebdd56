// SPDX-License-Identifier: MIT
// Thousands of separate mappings: lookups, splits by mprotect, holes punched by munmap and the
// fault path all stay right when the address space holds many VMAs (Linux keeps them in a tree).
#include "contract.h"
#include <sys/mman.h>

#define N 3000

static int count_maps(void)
{
    FILE *f = fopen("/proc/self/maps", "r");
    int n = 0, c;
    while ((c = fgetc(f)) != EOF) n += c == '\n';
    fclose(f);
    return n;
}

int main(void)
{
    // One region reserved, then every other page remapped so no two neighbours can merge.
    char *base = mmap(NULL, 2 * N * 4096L, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int before = count_maps();
    int bad = 0;
    for (long i = 0; i < N; i++) {
        char *p = mmap(base + 2 * i * 4096, 4096, (i % 3) ? PROT_READ | PROT_WRITE : PROT_READ,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        if (p != base + 2 * i * 4096) bad++;
        else if (i % 3) p[7] = (char)i;
    }
    say("fixed maps placed: %d bad\n", bad);
    say("maps grew by: %d\n", count_maps() - before);
    bad = 0;
    for (long i = 0; i < N; i++) {
        char *p = base + 2 * i * 4096;
        if ((i % 3) && p[7] != (char)i) bad++;
        if (!(i % 3) && p[7] != 0) bad++;
    }
    say("contents: %d bad\n", bad);
    // Punch out every fourth mapping, then fill holes by address hint.
    bad = 0;
    for (long i = 0; i < N; i += 4) bad += munmap(base + 2 * i * 4096, 4096) != 0;
    say("munmap failures: %d\n", bad);
    say("after munmap grew by: %d\n", count_maps() - before);
    int hinted = 0;
    for (long i = 0; i < N; i += 4) {
        char *want = base + 2 * i * 4096;
        char *p = mmap(want, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        hinted += p == want;
    }
    say("hints honoured in holes: %d of %d\n", hinted, (N + 3) / 4);
    RET(munmap(base, 2 * N * 4096L));
    say("after full unmap: %d\n", count_maps() - before);
    return 0;
}
