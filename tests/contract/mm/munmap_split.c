// SPDX-License-Identifier: MIT
// munmap: unmapping the middle splits a mapping, edges survive with data, unmapping holes is fine, errors.
#include "contract.h"
#include <setjmp.h>
#include <sys/mman.h>

static sigjmp_buf jb;
static void h(int s) { (void)s; siglongjmp(jb, 1); }
static int ok(volatile char *p) { if (sigsetjmp(jb, 1)) return 0; (void)*p; return 1; }

int main(void)
{
    signal(SIGSEGV, h);
    char *p = mmap(NULL, 5 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    for (int i = 0; i < 5; i++) p[i * 4096] = 'a' + i;
    RET(munmap(p + 2 * 4096, 4096));
    say("pages: %d %d %d %d %d\n", ok(p), ok(p + 4096), ok(p + 8192), ok(p + 3 * 4096), ok(p + 4 * 4096));
    say("data: %c %c %c %c\n", p[0], p[4096], p[3 * 4096], p[4 * 4096]);
    RET(munmap(p + 2 * 4096, 4096));
    RET(munmap(p, 5 * 4096));
    say("all gone: %d %d\n", ok(p), ok(p + 4 * 4096));
    RET(munmap(p + 1, 4096));
    RET(munmap(p, 0));
    RET(munmap((void *)0xffff800000000000, 4096));
    char *q = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    mprotect(q + 4096, 4096, PROT_READ);
    RET(munmap(q + 2 * 4096, 100));
    say("unaligned length rounds up to a page: %d %d %d %d\n", ok(q), ok(q + 4096), ok(q + 8192), ok(q + 3 * 4096));
    return 0;
}
