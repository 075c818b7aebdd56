// SPDX-License-Identifier: MIT
// File mappings at offsets, partial last page zero-filled, SIGBUS after the file shrinks, EINVAL/EACCES cases.
#include "contract.h"
#include <setjmp.h>
#include <sys/mman.h>

static sigjmp_buf jb;
static int sig;
static void h(int s) { sig = s; siglongjmp(jb, 1); }
static int probe(volatile char *p) { sig = 0; if (sigsetjmp(jb, 1)) return sig; (void)*p; return 0; }

int main(void)
{
    signal(SIGBUS, h);
    signal(SIGSEGV, h);
    int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
    static char page[4096];
    for (int i = 0; i < 3; i++) { memset(page, 'a' + i, sizeof page); write(fd, page, sizeof page); }
    char *m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 4096);
    say("offset 4096 maps page b: %c\n", m[0]);
    char *all = mmap(NULL, 4 * 4096, PROT_READ, MAP_SHARED, fd, 0);
    say("pages: %c %c %c, beyond EOF: %s\n", all[0], all[4096], all[8192], ct_signame(probe(all + 3 * 4096)));
    RET(ftruncate(fd, 4096 + 10));
    say("after shrink: page1 byte9=%c byte10=%d page2=%s\n", all[4096 + 9], all[4096 + 10], ct_signame(probe(all + 8192)));
    say("offset mapping still ok: %s\n", ct_signame(probe(m)));
    RET(ftruncate(fd, 3 * 4096));
    say("after regrow page2 reads zero: %d\n", all[8192]);
    void *r = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 1 << 20);
    say("map far past EOF: %s\n", r == MAP_FAILED ? ct_errname(errno) : "ok");
    say("touching it: %s\n", r == MAP_FAILED ? "n/a" : ct_signame(probe(r)));
    return 0;
}
