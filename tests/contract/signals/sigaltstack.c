// SPDX-License-Identifier: MIT
// sigaltstack: handler runs on the alternate stack with SA_ONSTACK (even on stack overflow), SS_ONSTACK reported.
#include "contract.h"
#include <sys/resource.h>

static char *alt;
static size_t altsz = 65536;
static volatile int on_alt, flags_inside;
static void h(int s)
{
    (void)s;
    char local;
    on_alt = &local >= alt && &local < alt + altsz;
    stack_t cur;
    sigaltstack(NULL, &cur);
    flags_inside = cur.ss_flags;
}
static void segv(int s)
{
    char local;
    int ok = &local >= alt && &local < alt + altsz;
    write(1, ok ? "overflow handled on altstack\n" : "overflow handled elsewhere\n", ok ? 29 : 27);
    _exit(0);
}
static int recurse(int n) { volatile char buf[1024]; buf[0] = (char)n; return recurse(n + 1) + buf[0]; }

int main(void)
{
    alt = malloc(altsz);
    stack_t ss = {.ss_sp = alt, .ss_size = altsz, .ss_flags = 0}, old;
    RET(sigaltstack(&ss, &old));
    say("old disabled: %d\n", old.ss_flags == SS_DISABLE);
    struct sigaction sa = {0};
    sa.sa_handler = h;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    say("without SA_ONSTACK on alt: %d\n", on_alt);
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    say("with SA_ONSTACK on alt: %d, SS_ONSTACK inside: %d\n", on_alt, (flags_inside & SS_ONSTACK) != 0);
    stack_t small = {.ss_sp = alt, .ss_size = 100, .ss_flags = 0};
    RET(sigaltstack(&small, NULL));
    stack_t badf = {.ss_sp = alt, .ss_size = altsz, .ss_flags = 0x55};
    RET(sigaltstack(&badf, NULL));
    pid_t pid = fork();
    if (pid == 0) {
        struct rlimit rl = {1 << 20, 1 << 20};
        setrlimit(RLIMIT_STACK, &rl);
        struct sigaction s2 = {0};
        s2.sa_handler = segv;
        s2.sa_flags = SA_ONSTACK;
        sigaction(SIGSEGV, &s2, NULL);
        recurse(0);
        _exit(1);
    }
    say("child: %s\n", ct_wait(pid));
    pid = fork();
    if (pid == 0) {
        struct rlimit rl = {1 << 20, 1 << 20};
        setrlimit(RLIMIT_STACK, &rl);
        stack_t dis = {.ss_flags = SS_DISABLE};
        sigaltstack(&dis, NULL);
        struct sigaction s2 = {0};
        s2.sa_handler = segv;
        sigaction(SIGSEGV, &s2, NULL);
        recurse(0);
        _exit(1);
    }
    say("child without altstack: %s\n", ct_wait(pid));
    return 0;
}
