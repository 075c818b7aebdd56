// SPDX-License-Identifier: MIT
// Helpers for the ptrace contract tests: a traced child that stops itself, stop descriptions that
// name events and syscall-stops, and the constants musl's and glibc's headers may lack.
#ifndef PT_H
#define PT_H
#include "contract.h"
#include <stddef.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>

#ifndef PTRACE_GET_SYSCALL_INFO
#define PTRACE_GET_SYSCALL_INFO 0x420e
#endif
#ifndef PTRACE_GETSIGMASK
#define PTRACE_GETSIGMASK 0x420a
#define PTRACE_SETSIGMASK 0x420b
#endif
#ifndef PTRACE_EVENT_STOP
#define PTRACE_EVENT_STOP 128
#endif
#ifndef PTRACE_O_EXITKILL
#define PTRACE_O_EXITKILL (1 << 20)
#endif
#ifndef NT_PRSTATUS
#define NT_PRSTATUS 1
#endif
#ifndef NT_PRFPREG
#define NT_PRFPREG 2
#endif
#ifndef __WALL
#define __WALL 0x40000000
#endif

// The raw system call (no libc wrapper, so errors come back as -errno).
static inline long pt_raw(long nr, long a, long b, long c, long d)
{
    long ret;
    register long r10 __asm__("r10") = d;
    __asm__ volatile("syscall" : "=a"(ret) : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10) : "rcx", "r11", "memory");
    return ret;
}

// The child side: PTRACE_TRACEME, then a SIGSTOP to itself through raw syscalls only (so that
// both libcs make the same syscalls from here on).
static inline void pt_traceme_stop(void)
{
    if (ptrace(PTRACE_TRACEME, 0, 0, 0) != 0) _exit(100);
    pt_raw(SYS_kill, pt_raw(SYS_getpid, 0, 0, 0, 0), SIGSTOP, 0, 0);
}

// Describes a wait status with the ptrace parts: "stop SIGTRAP event 3", "syscall-stop".
static inline const char *pt_desc(int st)
{
    static char buf[96];
    if (WIFSTOPPED(st) && WSTOPSIG(st) == (SIGTRAP | 0x80)) return "syscall-stop";
    if (WIFSTOPPED(st) && (st >> 16)) {
        snprintf(buf, sizeof buf, "stop %s event %d", ct_signame(WSTOPSIG(st)), st >> 16);
        return buf;
    }
    if (WIFSTOPPED(st)) {
        snprintf(buf, sizeof buf, "stop %s", ct_signame(WSTOPSIG(st)));
        return buf;
    }
    return ct_status(st);
}

// Waits for pid (with __WALL) and returns the status; -1 on error (printed).
static inline int pt_wait(pid_t pid)
{
    int st = 0;
    pid_t r;
    do r = waitpid(pid, &st, __WALL); while (r == -1 && errno == EINTR);
    if (r == -1) {
        say("waitpid: %s\n", ct_errname(errno));
        return -1;
    }
    return st;
}

// Waits and prints "label: <description>".
static inline int pt_show(const char *label, pid_t pid)
{
    int st = pt_wait(pid);
    say("%s: %s\n", label, pt_desc(st));
    return st;
}

static inline long pt_err(long r) { return r == -1 ? -errno : r; }
#define PT(req, pid, addr, data) ({ errno = 0; long r_ = ptrace(req, pid, (void *)(uintptr_t)(addr), (void *)(uintptr_t)(data)); r_ == -1 && errno ? -errno : r_; })
#define PTSAY(label, expr) ({ long v_ = (expr); if (v_ < 0) say("%s: %s\n", label, ct_errname((int)-v_)); else say("%s: %ld\n", label, v_); v_; })
#endif
