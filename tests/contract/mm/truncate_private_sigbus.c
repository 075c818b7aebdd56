// SPDX-License-Identifier: MIT
// Shrinking a mapped file: pages past the new end raise SIGBUS in shared and private mappings
// (even a page already copied on write); the partial last page reads zeros past the end.
#include "contract.h"
#include <setjmp.h>
#include <sys/mman.h>

static sigjmp_buf jb;
static void h(int s) { siglongjmp(jb, s); }
static const char *probe(volatile char *p)
{
    int s = sigsetjmp(jb, 1);
    if (s) return ct_signame(s);
    (void)*p;
    return "ok";
}

int main(void)
{
    signal(SIGBUS, h);
    signal(SIGSEGV, h);
    int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
    static char data[3 * 4096];
    memset(data, 'd', sizeof data);
    write(fd, data, sizeof data);
    char *s = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    char *p = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    p[2 * 4096] = 'c';   // a private copy of the last page
    say("before: shared %c private %c\n", s[2 * 4096], p[2 * 4096]);
    RET(ftruncate(fd, 4096 + 1));
    say("shared page 2: %s, private copied page 2: %s\n", probe(s + 2 * 4096), probe(p + 2 * 4096));
    say("page 1 tail: shared %d private %d, byte 0 %c\n", s[4096 + 1], p[4096 + 1], s[4096]);
    say("page 0: %s %s\n", probe(s), probe(p));
    RET(ftruncate(fd, 0));
    say("empty file: %s %s\n", probe(s), probe(p));
    return 0;
}
