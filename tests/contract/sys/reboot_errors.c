// SPDX-License-Identifier: MIT
// reboot(2) argument checking without rebooting: bad magic is EINVAL, a user gets EPERM, CAD toggles work.
#include "contract.h"
#include <sys/syscall.h>
#include <sys/reboot.h>

int main(void)
{
    RET(syscall(SYS_reboot, 0x12345678, 0x28121969, 0x4321FEDC, NULL));
    RET(syscall(SYS_reboot, 0xfee1dead, 0x1, 0x4321FEDC, NULL));
    RET(syscall(SYS_reboot, 0xfee1dead, 0x28121969, 0x1234, NULL));
    RET(reboot(RB_DISABLE_CAD));
    RET(reboot(RB_ENABLE_CAD));
    RET(reboot(RB_DISABLE_CAD));
    pid_t pid = fork();
    if (pid == 0) { ct_become_user(); RET(reboot(RB_POWER_OFF)); _exit(0); }
    ct_wait(pid);
    return 0;
}
