// SPDX-License-Identifier: MIT
// rseq(2): registration rules (alignment, size, flags, EBUSY/EPERM/EINVAL for a second
// registration, unregistration), cpu_id kept current, a critical section interrupted by a
// signal resumes at its abort handler (and rseq_cs is cleared), a bad signature before the
// abort handler kills with SIGSEGV, and a fork child keeps the registration. glibc registers an
// area per thread itself (its __rseq_size says so); musl does not, so the test unregisters
// glibc's first and then registers its own, the same way on both libcs.
#include "contract.h"
#include <stddef.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>

#define SIG 0x53053053
#define RSEQ_FLAG_UNREGISTER 1

// The 6.1 ABI (linux/rseq.h; musl's headers do not carry it).
struct rseq {
    unsigned int cpu_id_start, cpu_id;
    unsigned long long rseq_cs;
    unsigned int flags;
} __attribute__((aligned(32)));
struct rseq_cs {
    unsigned int version, flags;
    unsigned long long start_ip, post_commit_offset, abort_ip;
} __attribute__((aligned(32)));

extern const ptrdiff_t __rseq_offset __attribute__((weak));
extern const unsigned int __rseq_size __attribute__((weak));

static struct rseq area __attribute__((aligned(32)));
static struct rseq_cs cs __attribute__((aligned(32)));

static long sys_rseq(void *a, unsigned len, int flags, unsigned sig)
{
    return syscall(SYS_rseq, a, len, flags, sig);
}

static void on_alarm(int s) { (void)s; }

// Spins inside [start, post) until a signal moves it to the abort handler; returns 1 if it got
// there. The signature precedes the abort label, as the ABI wants.
static int run_section(struct rseq_cs *d)
{
    int aborted = 0;
    __asm__ volatile(
        "lea 1f(%%rip), %%rax\n\t"
        "mov %%rax, 8(%[d])\n\t"          // start_ip
        "lea 2f(%%rip), %%rcx\n\t"
        "sub %%rax, %%rcx\n\t"
        "mov %%rcx, 16(%[d])\n\t"         // post_commit_offset
        "lea 4f(%%rip), %%rax\n\t"
        "mov %%rax, 24(%[d])\n\t"         // abort_ip
        "mov %[d], %[cs]\n\t"             // area.rseq_cs = d
        "1: jmp 1b\n\t"
        "2: jmp 5f\n\t"
        ".long 0x53053053\n\t"
        "4: movl $1, %[ab]\n\t"
        "5:\n\t"
        : [ab] "+m"(aborted), [cs] "=m"(area.rseq_cs)
        : [d] "r"(d)
        : "rax", "rcx", "memory");
    return aborted;
}

int main(void)
{
    // glibc's own registration, undone (musl: nothing registered, __rseq_size absent).
    int glibc = &__rseq_size != NULL && __rseq_size != 0;
    if (glibc) {
        void *mine = (char *)__builtin_thread_pointer() + __rseq_offset;
        FACT("glibc's area unregisters", sys_rseq(mine, 32, RSEQ_FLAG_UNREGISTER, SIG) == 0);
    }
    RET(sys_rseq((char *)&area + 4, 32, 0, SIG));
    RET(sys_rseq(&area, 16, 0, SIG));
    RET(sys_rseq(&area, 32, 2, SIG));
    RET(sys_rseq((void *)0xffff800000000000ul, 32, 0, SIG));
    area.cpu_id = 99;
    RET(sys_rseq(&area, 32, 0, SIG));
    say("cpu_id after registration: %u start %u\n", area.cpu_id, area.cpu_id_start);
    RET(sys_rseq(&area, 32, 0, SIG));
    RET(sys_rseq(&area, 32, 0, SIG + 1));
    RET(sys_rseq(&cs, 32, 0, SIG));
    RET(sys_rseq(&area, 32, RSEQ_FLAG_UNREGISTER, SIG + 1));
    RET(sys_rseq(&area, 32, RSEQ_FLAG_UNREGISTER | 4, SIG));
    RET(sys_rseq(&area, 32, RSEQ_FLAG_UNREGISTER, SIG));
    say("cpu_id after unregistration: %d\n", (int)area.cpu_id);
    RET(sys_rseq(&area, 32, RSEQ_FLAG_UNREGISTER, SIG));
    RET(sys_rseq(&area, 32, 0, SIG));

    // A signal inside the section: the handler runs, then the thread resumes at the abort ip.
    signal(SIGALRM, on_alarm);
    struct itimerval it = {{0, 0}, {0, 20000}};
    setitimer(ITIMER_REAL, &it, NULL);
    say("section aborted by a signal: %d\n", run_section(&cs));
    say("rseq_cs cleared: %d\n", area.rseq_cs == 0);

    // A fork child keeps the registration: the same area is live in its copy of memory.
    pid_t pid = fork();
    if (pid == 0) {
        area.cpu_id = 77;
        sched_yield();
        usleep(1000);
        _exit(area.cpu_id != 77 && sys_rseq(&area, 32, 0, SIG) == -1 && errno == EBUSY ? 0 : 1);
    }
    say("fork child registered: %s\n", ct_wait(pid));

    // A wrong signature before the abort handler: SIGSEGV when the kernel looks at it.
    pid = fork();
    if (pid == 0) {
        static struct rseq_cs bad __attribute__((aligned(32)));
        bad.version = 0;
        bad.start_ip = 0x1000;
        bad.post_commit_offset = 0x10;
        bad.abort_ip = (unsigned long)&main + 4;   // preceded by code, not the signature
        area.rseq_cs = (unsigned long)&bad;
        sched_yield();
        usleep(1000);
        _exit(0);
    }
    say("bad descriptor: %s\n", ct_wait(pid));
    return 0;
}
