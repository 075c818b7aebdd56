// SPDX-License-Identifier: MIT
// glibc's pthread implementation aborts when a futex call fails unexpectedly, so whether a glibc
// threads test survives on a kernel without futexes depends on timing. Stating the dependency
// up front makes the outcome deterministic: glibc builds print whether FUTEX_WAKE works.
#ifndef THREADS_GLIBC_FUTEX_H
#define THREADS_GLIBC_FUTEX_H
#ifdef __GLIBC__
#include <linux/futex.h>
#include <sys/syscall.h>
#endif

static inline void glibc_needs_futex(void)
{
#ifdef __GLIBC__
    static int word;
    long r = syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
    say("glibc threads use futex, FUTEX_WAKE: %s\n", r == -1 ? ct_errname(errno) : "0");
#endif
}
#endif
