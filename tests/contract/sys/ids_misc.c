// SPDX-License-Identifier: MIT
// Process identity calls: getpid/gettid/getppid relations, getuid family as root, getgroups, personality, getcpu.
#include "contract.h"
#include <sys/personality.h>
#include <sys/syscall.h>

int main(void)
{
    FACT("pid > 1", getpid() > 1);
    FACT("tid == pid", syscall(SYS_gettid) == getpid());
    FACT("ppid == 1 (runner is init)", getppid() == 1);
    say("uid=%d euid=%d gid=%d egid=%d\n", getuid(), geteuid(), getgid(), getegid());
    gid_t g[8];
    RET(getgroups(8, g));
    gid_t list[3] = {5, 6, 7};
    RET(setgroups(3, list));
    int n = getgroups(8, g);
    say("groups: %d [%d %d %d]\n", n, g[0], g[1], g[2]);
    RET(getgroups(1, g));
    RET(getgroups(0, NULL));
    RET(personality(0xffffffff));
    unsigned cpu = 99, node = 99;
    RET(syscall(SYS_getcpu, &cpu, &node, NULL));
    say("cpu %u node %u\n", cpu, node);
    RET(syscall(SYS_set_tid_address, NULL) == getpid() ? 0 : -1);
    return 0;
}
