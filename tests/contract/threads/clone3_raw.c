// SPDX-License-Identifier: MIT
// clone3 called directly: the size and argument checks (E2BIG/EINVAL as Linux), a fork-like
// child, CLONE_CLEAR_SIGHAND, set_tid, a raw thread with CLONE_CHILD_SETTID/CLEARTID, and the
// legacy clone's flag rules.
#include "contract.h"
#include <sched.h>
#include <sys/mman.h>
#include <sys/syscall.h>

// The UAPI struct (linux/sched.h), spelled out: musl's headers do not include the kernel's.
struct clone_args {
    uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls, set_tid,
        set_tid_size, cgroup;
};
#define CLONE_ARGS_SIZE_VER0 64
#define CLONE_CLEAR_SIGHAND 0x100000000ULL
#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x1000
#endif
#ifndef SYS_clone3
#define SYS_clone3 435
#endif

static long clone3(struct clone_args *a, size_t size) { return syscall(SYS_clone3, a, size); }

static void report(const char *label, long r)
{
    if (r == -1) say("%s: %s\n", label, ct_errname(errno));
    else say("%s: %ld\n", label, r);
}

// A raw thread: the child returns from the syscall on its own stack and must not return into
// C code, so the whole clone3-and-run is one piece of assembly (the child calls fn, then exit).
static long raw_thread(struct clone_args *a, void (*fn)(void))
{
    long ret;
    register long r10 asm("r10") = (long)fn;
    asm volatile(
        "syscall\n\t"
        "test %%rax, %%rax\n\t"
        "jnz 1f\n\t"
        "xor %%ebp, %%ebp\n\t"
        "call *%%r10\n\t"
        "mov $60, %%eax\n\t"
        "xor %%edi, %%edi\n\t"
        "syscall\n\t"
        "1:\n\t"
        : "=a"(ret)
        : "0"((long)SYS_clone3), "D"(a), "S"(sizeof *a), "r"(r10)
        : "rcx", "r11", "memory");
    return ret;
}

static volatile int thread_ran;
static volatile pid_t child_tid_slot, parent_tid_slot;

static void thread_body(void)
{
    thread_ran = 1;
}

int main(void)
{
    struct clone_args a;
    char big[4200];

    memset(&a, 0, sizeof a);
    a.exit_signal = SIGCHLD;
    report("size 4097", clone3(&a, 4097));
    report("size 63", clone3(&a, 63));
    memset(big, 0, sizeof big);
    memcpy(big, &a, sizeof a);
    big[sizeof a + 8] = 1;
    report("bigger struct, nonzero tail", syscall(SYS_clone3, big, sizeof a + 16));
    report("bad address", syscall(SYS_clone3, (void *)8, sizeof a));

    memset(&a, 0, sizeof a);
    a.exit_signal = 65;
    report("exit_signal 65", clone3(&a, sizeof a));
    a.exit_signal = 1ULL << 32 | SIGCHLD;
    report("exit_signal high bits", clone3(&a, sizeof a));
    memset(&a, 0, sizeof a);
    a.flags = SIGCHLD;
    report("CSIGNAL bits in flags", clone3(&a, sizeof a));
    a.flags = 1ULL << 40;
    report("unknown flag", clone3(&a, sizeof a));
    a.flags = CLONE_SIGHAND | CLONE_VM | CLONE_CLEAR_SIGHAND;
    report("SIGHAND with CLEAR_SIGHAND", clone3(&a, sizeof a));
    a.flags = CLONE_THREAD | CLONE_SIGHAND | CLONE_VM;
    a.exit_signal = SIGCHLD;
    report("THREAD with exit_signal", clone3(&a, sizeof a));
    memset(&a, 0, sizeof a);
    a.flags = CLONE_PARENT;
    a.exit_signal = SIGCHLD;
    report("PARENT with exit_signal", clone3(&a, sizeof a));
    memset(&a, 0, sizeof a);
    a.stack_size = 4096;
    report("stack_size without stack", clone3(&a, sizeof a));
    a.stack = 4096;
    a.stack_size = 0;
    report("stack without size", clone3(&a, sizeof a));
    memset(&a, 0, sizeof a);
    a.set_tid_size = 1;
    report("set_tid_size without set_tid", clone3(&a, sizeof a));
    pid_t want = 0;
    a.set_tid = (unsigned long)&want;
    a.set_tid_size = 0;
    report("set_tid without size", clone3(&a, sizeof a));
    a.set_tid_size = 33;
    report("set_tid_size 33", clone3(&a, sizeof a));
    memset(&a, 0, sizeof a);
    a.flags = CLONE_THREAD;
    report("THREAD without SIGHAND", clone3(&a, sizeof a));
    a.flags = CLONE_SIGHAND;
    report("SIGHAND without VM", clone3(&a, sizeof a));
    a.flags = CLONE_FS | CLONE_NEWNS;
    report("FS with NEWNS", clone3(&a, sizeof a));
    a.flags = CLONE_PIDFD | CLONE_THREAD | CLONE_SIGHAND | CLONE_VM;
    report("PIDFD with THREAD", clone3(&a, sizeof a));

    // A fork-like child with the VER0 size.
    memset(&a, 0, sizeof a);
    a.exit_signal = SIGCHLD;
    long pid = clone3(&a, CLONE_ARGS_SIZE_VER0);
    if (pid == 0) _exit(3);
    say("fork-like child: %s\n", pid > 0 ? ct_wait((pid_t)pid) : ct_errname(errno));

    // CLONE_CLEAR_SIGHAND: caught signals back to default, ignored ones stay ignored.
    signal(SIGUSR1, (void (*)(int))exit);
    signal(SIGUSR2, SIG_IGN);
    memset(&a, 0, sizeof a);
    a.flags = CLONE_CLEAR_SIGHAND;
    a.exit_signal = SIGCHLD;
    pid = clone3(&a, sizeof a);
    if (pid == 0) {
        struct sigaction s1, s2;
        sigaction(SIGUSR1, NULL, &s1);
        sigaction(SIGUSR2, NULL, &s2);
        _exit((s1.sa_handler == SIG_DFL ? 1 : 0) | (s2.sa_handler == SIG_IGN ? 2 : 0));
    }
    say("CLEAR_SIGHAND child: %s (3 = default + still ignored)\n", pid > 0 ? ct_wait((pid_t)pid) : ct_errname(errno));
    signal(SIGUSR1, SIG_DFL);
    signal(SIGUSR2, SIG_DFL);

    // set_tid: the child gets exactly that pid; while it lives the pid is taken.
    int hold[2];
    pipe(hold);
    want = 31000;
    memset(&a, 0, sizeof a);
    a.exit_signal = SIGCHLD;
    a.set_tid = (unsigned long)&want;
    a.set_tid_size = 1;
    pid = clone3(&a, sizeof a);
    if (pid == 0) {
        char c;
        read(hold[0], &c, 1);
        _exit(getpid() == 31000 ? 0 : 1);
    }
    say("set_tid: got it %s\n", pid == 31000 ? "yes" : "no");
    report("set_tid in use", clone3(&a, sizeof a));
    write(hold[1], "x", 1);
    say("set_tid child: %s\n", pid > 0 ? ct_wait((pid_t)pid) : "none");
    want = -1;
    report("set_tid -1", clone3(&a, sizeof a));

    // A raw thread on its own stack, with both tid slots.
    size_t stack_size = 64 * 1024;
    char *stack = mmap(NULL, stack_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memset(&a, 0, sizeof a);
    a.flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD | CLONE_SYSVSEM |
              CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID;
    a.stack = (unsigned long)stack;
    a.stack_size = stack_size;
    a.child_tid = (unsigned long)&child_tid_slot;
    a.parent_tid = (unsigned long)&parent_tid_slot;
    long tid = raw_thread(&a, thread_body);
    if (tid < 0) {
        say("raw thread: %s\n", ct_errname((int)-tid));
        return 0;
    }
    FACT("parent_tid written before return", parent_tid_slot == tid);
    // CLONE_CHILD_CLEARTID: the kernel zeroes the slot when the thread is gone.
    for (int i = 0; i < 100000 && (!thread_ran || child_tid_slot != 0); i++) sched_yield();
    say("raw thread ran: %s, child_tid cleared: %s, tid != pid: %s\n", thread_ran ? "yes" : "no",
        child_tid_slot == 0 ? "yes" : "no", tid != getpid() ? "yes" : "no");

    // Legacy clone keeps its own rules.
    errno = 0;
    report("clone THREAD without SIGHAND", syscall(SYS_clone, CLONE_THREAD | CLONE_VM, 0, 0, 0, 0));
    report("clone SIGHAND without VM", syscall(SYS_clone, CLONE_SIGHAND, 0, 0, 0, 0));
    return 0;
}
