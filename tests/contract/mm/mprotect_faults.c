// SPDX-License-Identifier: MIT
// mprotect: read-only and PROT_NONE faults, restoring access keeps data, EINVAL/ENOMEM errors, partial ranges.
#include "contract.h"
#include <setjmp.h>
#include <sys/mman.h>

static sigjmp_buf jb;
static void h(int s) { (void)s; siglongjmp(jb, 1); }
static int writes(volatile char *p) { if (sigsetjmp(jb, 1)) return 0; *p = *p; return 1; }
static int reads(volatile char *p) { if (sigsetjmp(jb, 1)) return 0; (void)*p; return 1; }

int main(void)
{
    signal(SIGSEGV, h);
    char *p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    strcpy(p + 4096, "keep");
    RET(mprotect(p + 4096, 4096, PROT_READ));
    say("page0 w=%d page1 r=%d w=%d page2 w=%d\n", writes(p), reads(p + 4096), writes(p + 4096), writes(p + 8192));
    RET(mprotect(p, 3 * 4096, PROT_NONE));
    say("none: r=%d\n", reads(p + 4096));
    RET(mprotect(p, 3 * 4096, PROT_READ | PROT_WRITE));
    say("restored: w=%d data=%s\n", writes(p + 4096), p + 4096);
    RET(mprotect(p + 1, 4096, PROT_READ));
    RET(mprotect(p, 4096, 0x100));
    RET(mprotect(p, 100, PROT_READ));
    say("partial page len rounds: w=%d\n", writes(p));
    munmap(p + 4096, 4096);
    RET(mprotect(p, 3 * 4096, PROT_READ));
    RET(mprotect(p + 4096, 4096, PROT_READ));
    RET(mprotect(p, 0, PROT_READ));
    return 0;
}
