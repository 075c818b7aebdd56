// SPDX-License-Identifier: MIT
// mremap: shrink in place, grow (in place or MAYMOVE), MREMAP_FIXED, data preserved, errors without MAYMOVE.
#include "contract.h"
#include <sys/mman.h>

int main(void)
{
    char *p = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (int i = 0; i < 4; i++) p[i * 4096] = 'A' + i;
    char *q = mremap(p, 4 * 4096, 2 * 4096, 0);
    FACT("shrink in place", q == p);
    // Block growth in place with a mapping right after.
    char *blocker = mmap(p + 2 * 4096, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    (void)blocker;
    q = mremap(p, 2 * 4096, 8 * 4096, 0);
    say("grow blocked without MAYMOVE: %s\n", q == MAP_FAILED ? ct_errname(errno) : "ok");
    q = mremap(p, 2 * 4096, 8 * 4096, MREMAP_MAYMOVE);
    FACT("moved", q != MAP_FAILED && q != p);
    say("data: %c %c tail zero: %d\n", q[0], q[4096], q[7 * 4096] == 0);
    char *target = mmap(NULL, 8 * 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *r = mremap(q, 8 * 4096, 8 * 4096, MREMAP_MAYMOVE | MREMAP_FIXED, target);
    FACT("fixed move to target", r == target);
    say("data at target: %c %c\n", r[0], r[4096]);
    RET(mremap(r, 4096, 4096, MREMAP_FIXED, target + 4096 * 100) == MAP_FAILED ? -1 : 0);
    RET(mremap(r + 1, 4096, 4096, 0) == MAP_FAILED ? -1 : 0);
    RET(mremap(r, 4096, 0, 0) == MAP_FAILED ? -1 : 0);
    RET(mremap((void *)0x100000, 4096, 8192, MREMAP_MAYMOVE) == MAP_FAILED ? -1 : 0);
    RET(mremap(r, 4096, 8192, 0x80) == MAP_FAILED ? -1 : 0);
    return 0;
}
