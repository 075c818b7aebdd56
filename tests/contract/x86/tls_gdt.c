// SPDX-License-Identifier: MIT
// set_thread_area and get_thread_area exist on x86_64 Linux only for 32-bit callers: through the
// 64-bit system call they are ENOSYS, whatever the argument.
#include "contract.h"
#include <sys/syscall.h>

int main(void)
{
    unsigned buf[4] = {-1u, 0, 0, 0};
    RET(syscall(SYS_set_thread_area, buf));
    RET(syscall(SYS_get_thread_area, buf));
    RET(syscall(SYS_set_thread_area, NULL));
    RET(syscall(SYS_get_thread_area, (void *)8));
    return 0;
}
