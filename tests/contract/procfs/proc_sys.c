// SPDX-License-Identifier: MIT
// /proc/sys: kernel.ostype, hostname follows sethostname, writes need root, pid_max readable, bad writes.
#include "contract.h"

int main(void)
{
    char buf[128];
    ct_read_file("/proc/sys/kernel/ostype", buf, sizeof buf);
    say("ostype: %s", buf);
    sethostname("from-syscall", 12);
    ct_read_file("/proc/sys/kernel/hostname", buf, sizeof buf);
    say("hostname: %s", buf);
    RET(ct_write_file("/proc/sys/kernel/hostname", "from-proc\n", 0));
    char h[64];
    gethostname(h, sizeof h);
    say("gethostname: %s\n", h);
    ct_read_file("/proc/sys/kernel/pid_max", buf, sizeof buf);
    say("pid_max >= 32768: %d\n", atoi(buf) >= 32768);
    ct_read_file("/proc/sys/fs/pipe-max-size", buf, sizeof buf);
    say("pipe-max-size: %s", buf);
    RET(open("/proc/sys/kernel/nope", O_RDONLY));
    pid_t pid = fork();
    if (pid == 0) { ct_become_user(); RET(open("/proc/sys/kernel/hostname", O_WRONLY)); _exit(0); }
    ct_wait(pid);
    return 0;
}
