// SPDX-License-Identifier: MIT
// Anonymous mmap: zero-filled, page alignment, argument errors (len 0, flags, unaligned offset, prot), hints.
#include "contract.h"
#include <sys/mman.h>

int main(void)
{
    char *p = mmap(NULL, 10000, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    FACT("mapped", p != MAP_FAILED);
    FACT("page aligned", ((uintptr_t)p & 4095) == 0);
    int zero = 1;
    for (int i = 0; i < 12288; i++) zero &= p[i] == 0;
    FACT("zero filled through rounded length", zero);
    p[12287] = 1;
    RET(munmap(p, 10000));
    errno = 0;
#define TRY(label, expr) do { void *r = (expr); say("%s: %s\n", label, r == MAP_FAILED ? ct_errname(errno) : "ok"); if (r != MAP_FAILED) munmap(r, 4096); } while (0)
    TRY("len 0", mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    TRY("neither private nor shared", mmap(NULL, 4096, PROT_READ, MAP_ANONYMOUS, -1, 0));
    TRY("both private and shared", mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_SHARED | MAP_ANONYMOUS, -1, 0));
    TRY("unaligned offset file", mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 0, 100));
    TRY("bad fd", mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, 99, 0));
    TRY("anon with fd -1 ignored", mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, 5, 0));
    TRY("huge length", mmap(NULL, (size_t)1 << 62, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    TRY("weird prot bits", mmap(NULL, 4096, 0x100, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
    TRY("unaligned fixed", mmap((void *)0x10000001, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0));
    TRY("fixed at 0", mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0));
    TRY("directory fd", mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, open(".", O_RDONLY), 0));
    void *hint = (void *)0x200000000000;
    void *q = mmap(hint, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    FACT("free hint honoured", q == hint);
    void *q2 = mmap(hint, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    FACT("busy hint moved elsewhere", q2 != MAP_FAILED && q2 != hint);
    void *q3 = mmap(hint, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    say("fixed_noreplace over busy: %s\n", q3 == MAP_FAILED ? ct_errname(errno) : "ok");
    void *q4 = mmap(hint, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    FACT("MAP_FIXED replaces", q4 == hint);
    FACT("replacement writable and zero", ((volatile char *)q4)[0] == 0 && (((char *)q4)[0] = 5));
    return 0;
}
