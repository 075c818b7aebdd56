// SPDX-License-Identifier: MIT
// SECCOMP_RET_TRACE with PTRACE_O_TRACESECCOMP: the tracee stops in PTRACE_EVENT_SECCOMP (message:
// the filter's data, GET_SYSCALL_INFO's seccomp op); the tracer may change the call or skip it.
// Without the option the call fails with ENOSYS.
#include "pt.h"
#include <sys/prctl.h>

// From <linux/filter.h> and <linux/seccomp.h>, which the musl toolchain does not ship.
struct sock_filter { unsigned short code; unsigned char jt, jf; unsigned k; };
struct sock_fprog { unsigned short len; struct sock_filter *filter; };
#define BPF_LD_W_ABS 0x20
#define BPF_JEQ_K 0x15
#define BPF_RET_K 0x06
#define SECCOMP_SET_MODE_FILTER 1
#define SECCOMP_RET_TRACE 0x7ff00000U
#define SECCOMP_RET_ALLOW 0x7fff0000U

static int install(void)
{
    struct sock_filter f[] = {
        {BPF_LD_W_ABS, 0, 0, 0},   // seccomp_data.nr
        {BPF_JEQ_K, 0, 1, SYS_getuid},
        {BPF_RET_K, 0, 0, SECCOMP_RET_TRACE | 0x42},
        {BPF_RET_K, 0, 0, SECCOMP_RET_ALLOW},
    };
    struct sock_fprog prog = {sizeof f / sizeof f[0], f};
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) return -1;
    return (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog);
}

int main(void)
{
    for (int round = 0; round < 2; round++) {
        pid_t pid = fork();
        if (pid == 0) {
            if (install()) _exit(60);
            pt_traceme_stop();
            long a = pt_raw(SYS_getuid, 0, 0, 0, 0);   // round 1: becomes umask(0)
            long b = pt_raw(SYS_getuid, 0, 0, 0, 0);   // round 1: skipped, rax 5
            _exit((a == -ENOSYS ? 1 : a == 022 ? 2 : 0) | (b == -ENOSYS ? 4 : b == 5 ? 8 : 0));
        }
        pt_show("stop", pid);
        if (round == 1) {
            PTSAY("setoptions", PT(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACESECCOMP));
            for (int i = 0; i < 2; i++) {
                PT(PTRACE_CONT, pid, 0, 0);
                pt_show("next", pid);
                unsigned long msg = 0;
                PT(PTRACE_GETEVENTMSG, pid, 0, &msg);
                unsigned char info[128];
                memset(info, 0, sizeof info);
                long n = PT(PTRACE_GET_SYSCALL_INFO, pid, sizeof info, info);
                unsigned int ret_data;
                memcpy(&ret_data, info + 80, 4);
                struct user_regs_struct r;
                PT(PTRACE_GETREGS, pid, 0, &r);
                say("message %#lx info size %ld op %d ret_data %#x rax %ld\n", msg, n, info[0], ret_data, (long)r.rax);
                if (i == 0) {
                    r.orig_rax = SYS_umask;
                    r.rdi = 0;
                } else {
                    r.orig_rax = -1;
                    r.rax = 5;
                }
                PT(PTRACE_SETREGS, pid, 0, &r);
            }
        }
        PT(PTRACE_CONT, pid, 0, 0);
        pt_show("end", pid);
    }
    return 0;
}
