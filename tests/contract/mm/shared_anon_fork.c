// SPDX-License-Identifier: MIT
// MAP_SHARED|MAP_ANONYMOUS memory is shared with children (counter incremented by several processes).
#include "contract.h"
#include <sys/mman.h>

int main(void)
{
    volatile int *counter = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    *counter = 0;
    for (int i = 0; i < 4; i++) {
        pid_t pid = fork();
        if (pid == 0) { __atomic_fetch_add(counter, 10, __ATOMIC_SEQ_CST); _exit(0); }
        ct_wait(pid);
    }
    say("counter: %d\n", *counter);
    pid_t pid = fork();
    if (pid == 0) {
        pid_t g = fork();
        if (g == 0) { *counter = 999; _exit(0); }
        ct_wait(g);
        _exit(0);
    }
    ct_wait(pid);
    say("grandchild write visible: %d\n", *counter);
    munmap((void *)counter, 4096);
    return 0;
}
