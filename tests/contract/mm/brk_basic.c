// SPDX-License-Identifier: MIT
// brk/sbrk: growing and shrinking the heap, new memory zeroed, shrunk memory faults, brk below start refused.
#include "contract.h"
#include <setjmp.h>
#include <sys/syscall.h>

static sigjmp_buf jb;
static void h(int s) { (void)s; siglongjmp(jb, 1); }

int main(void)
{
    char *start = (char *)syscall(SYS_brk, 0);
    FACT("initial brk page-aligned or not zero", start != NULL);
    char *want = start + 3 * 4096 + 100;
    char *got = (char *)syscall(SYS_brk, want);
    FACT("brk grows exactly", got == want);
    int zero = 1;
    for (char *p = start; p < want; p++) zero &= *p == 0;
    FACT("new heap zeroed", zero);
    memset(start, 'x', want - start);
    got = (char *)syscall(SYS_brk, start + 100);
    FACT("brk shrinks", got == start + 100);
    signal(SIGSEGV, h);
    int faulted = 0;
    if (!sigsetjmp(jb, 1)) { (void)*(volatile char *)(start + 2 * 4096); } else faulted = 1;
    FACT("access beyond shrunk brk faults", faulted);
    FACT("page with the break still mapped", start[50] == 'x');
    got = (char *)syscall(SYS_brk, start + 4096 * 2);
    FACT("regrow", got == start + 4096 * 2);
    FACT("regrown page zero again", start[4096 + 10] == 0);
    got = (char *)syscall(SYS_brk, (char *)4096);
    FACT("brk below start refused (returns current)", got == start + 4096 * 2);
    got = (char *)syscall(SYS_brk, (char *)0x7ffffffff000);
    FACT("absurd brk refused", got == start + 4096 * 2);
    return 0;
}
