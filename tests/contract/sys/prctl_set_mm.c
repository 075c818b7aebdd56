// SPDX-License-Identifier: MIT
// prctl(PR_SET_MM) for the argument bounds: how systemd gives each child it forks a title that
// /proc/<pid>/cmdline then shows. Needs CAP_SYS_RESOURCE; the unused arguments must be 0; the
// address must be in the user range above mmap_min_addr; start may not pass end.
#include "contract.h"
#include <sys/mman.h>
#include <sys/prctl.h>

static void show_cmdline(const char *label)
{
    char buf[256];
    ssize_t n = ct_read_file("/proc/self/cmdline", buf, sizeof buf);
    say("%s: %zd bytes:", label, n);
    for (ssize_t i = 0; i < n && i < 40; i++) say(buf[i] ? " %c" : " \\0", buf[i]);
    say("\n");
}

int main(void)
{
    char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    strcpy(page, "(sd-title)");
    unsigned long a = (unsigned long)page;
    RET(prctl(PR_SET_MM, PR_SET_MM_ARG_START, a, 0, 1));
    RET(prctl(PR_SET_MM, PR_SET_MM_ARG_START, a, 1, 0));
    RET(prctl(PR_SET_MM, PR_SET_MM_ARG_START, 0x1000, 0, 0));
    RET(prctl(PR_SET_MM, PR_SET_MM_ARG_START, 0x7ffffffff000ul, 0, 0));
    RET(prctl(PR_SET_MM, 99, a, 0, 0));
    pid_t pid = fork();
    if (pid == 0) {
        ct_become_user();
        RET(prctl(PR_SET_MM, PR_SET_MM_ARG_START, a, 0, 0));
        _exit(0);
    }
    say("user: %s\n", ct_wait(pid));
    // The new area lies below the stack, where the arguments are: start first, then end.
    RET(prctl(PR_SET_MM, PR_SET_MM_ARG_START, a, 0, 0));
    RET(prctl(PR_SET_MM, PR_SET_MM_ARG_END, a + strlen(page) + 1, 0, 0));
    show_cmdline("retitled");
    RET(prctl(PR_SET_MM, PR_SET_MM_ARG_START, a + 64, 0, 0));
    RET(prctl(PR_SET_MM, PR_SET_MM_ARG_END, a + 4, 0, 0));
    show_cmdline("shorter");
    return 0;
}
