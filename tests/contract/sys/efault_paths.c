// SPDX-License-Identifier: MIT
// EFAULT from bad user pointers across syscalls (paths, buffers, structs), and ENOSYS for unknown numbers.
#include "contract.h"
#include <sys/syscall.h>
#include <sys/resource.h>

int main(void)
{
    void *bad = (void *)8;
    void *kern = (void *)0xffffffff81000000UL;
    RET(syscall(SYS_open, bad, O_RDONLY));
    RET(syscall(SYS_open, kern, O_RDONLY));
    RET(syscall(SYS_stat, "/", bad));
    RET(syscall(SYS_mkdir, bad, 0755));
    RET(syscall(SYS_unlink, bad));
    RET(syscall(SYS_rename, bad, "x"));
    RET(syscall(SYS_getcwd, bad, 100));
    RET(syscall(SYS_uname, kern));
    RET(syscall(SYS_pipe, kern));
    RET(syscall(SYS_clock_gettime, CLOCK_REALTIME, kern));
    RET(syscall(SYS_wait4, -1, bad, 0, NULL));
    RET(syscall(SYS_execve, bad, NULL, NULL));
    RET(syscall(SYS_chdir, bad));
    RET(syscall(SYS_readlink, "/proc/self/exe", bad, 100));
    RET(syscall(SYS_write, 1, kern, 1));
    RET(syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, bad, 8));
    RET(syscall(SYS_getrlimit, RLIMIT_NOFILE, bad));
    RET(syscall(SYS_nanosleep, bad, NULL));
    RET(syscall(100000));
    RET(syscall(-1));
    RET(syscall(335));
    RET(syscall(512));
    return 0;
}
