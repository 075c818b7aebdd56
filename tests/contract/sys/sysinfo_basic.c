// SPDX-License-Identifier: MIT
// sysinfo: relations between fields (RAM totals, free <= total, procs counts, uptime), mem_unit, EFAULT.
#include "contract.h"
#include <sys/sysinfo.h>
#include <sys/syscall.h>

int main(void)
{
    struct sysinfo si;
    RET(sysinfo(&si));
    unsigned long long unit = si.mem_unit ? si.mem_unit : 1;
    unsigned long long total = si.totalram * unit, fr = si.freeram * unit;
    say("mem_unit: %u\n", si.mem_unit);
    say("totalram 400-512 MiB: %d\n", total > (400ULL << 20) && total <= (512ULL << 20));
    say("0 < freeram <= totalram: %d\n", fr > 0 && fr <= total);
    say("swap: %lu/%lu\n", si.totalswap, si.freeswap);
    say("uptime > 0: %d\n", si.uptime > 0);
    int before = si.procs;
    pid_t pid = fork();
    if (pid == 0) { pause(); _exit(0); }
    sysinfo(&si);
    say("procs counts us and the child: %d\n", si.procs >= 2 && before >= 1);
    kill(pid, SIGKILL);
    ct_wait(pid);
    say("nprocs_conf >= 1: %d\n", get_nprocs_conf() >= 1);
    RET(syscall(SYS_sysinfo, (void *)8));
    return 0;
}
