// SPDX-License-Identifier: MIT
// Synchronous faults: SIGSEGV si_code MAPERR/ACCERR and si_addr, SIGBUS past EOF, SIGFPE FPE_INTDIV, SIGILL.
#include "contract.h"
#include <setjmp.h>
#include <sys/mman.h>

static sigjmp_buf jb;
static siginfo_t info;
static void h(int s, siginfo_t *si, void *uc) { (void)s; (void)uc; info = *si; siglongjmp(jb, 1); }

static void report(const char *w, void *expect)
{
    const char *c = "other";
    if (info.si_signo == SIGSEGV) c = info.si_code == SEGV_MAPERR ? "SEGV_MAPERR" : info.si_code == SEGV_ACCERR ? "SEGV_ACCERR" : c;
    if (info.si_signo == SIGBUS) c = info.si_code == BUS_ADRERR ? "BUS_ADRERR" : c;
    if (info.si_signo == SIGFPE) c = info.si_code == FPE_INTDIV ? "FPE_INTDIV" : c;
    if (info.si_signo == SIGILL) c = info.si_code == ILL_ILLOPN ? "ILL_ILLOPN" : info.si_code == ILL_ILLOPC ? "ILL_ILLOPC" : c;
    say("%s: %s %s addr_ok=%d\n", w, ct_signame(info.si_signo), c, expect ? info.si_addr == expect : 1);
}

int main(void)
{
    struct sigaction sa = {0};
    sa.sa_sigaction = h;
    sa.sa_flags = SA_SIGINFO | SA_NODEFER;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
    sigaction(SIGFPE, &sa, NULL);
    sigaction(SIGILL, &sa, NULL);
    volatile char *bad = (char *)0x1000;
    if (!sigsetjmp(jb, 1)) { *bad = 1; }
    report("unmapped write", (void *)bad);
    char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (!sigsetjmp(jb, 1)) { *(volatile char *)(ro + 8) = 1; }
    report("read-only write", ro + 8);
    char *none = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (!sigsetjmp(jb, 1)) { (void)*(volatile char *)(none + 100); }
    report("PROT_NONE read", none + 100);
    ct_write_file("small", "abc", 0644);
    int fd = open("small", O_RDONLY);
    char *m = mmap(NULL, 8192, PROT_READ, MAP_SHARED, fd, 0);
    if (!sigsetjmp(jb, 1)) { (void)*(volatile char *)(m + 4096); }
    report("beyond EOF", m + 4096);
    say("tail of page is zero: %d\n", m[100] == 0);
    volatile int zero = 0;
    if (!sigsetjmp(jb, 1)) { volatile int x = 5 / zero; (void)x; }
    report("divide by zero", NULL);
    if (!sigsetjmp(jb, 1)) { __asm__ volatile("ud2"); }
    report("ud2", NULL);
    if (!sigsetjmp(jb, 1)) { ((void (*)(void))(void *)ro)(); }
    report("exec non-exec page", ro);
    return 0;
}
