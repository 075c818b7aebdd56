// SPDX-License-Identifier: MIT
// The heap is copied by fork (child brk changes stay private) and replaced by exec (fresh, zeroed heap).
#include "contract.h"
#include <sys/syscall.h>

int main(int argc, char **argv)
{
    if (argc > 1) {
        char *b = (char *)syscall(SYS_brk, 0);
        char *n = (char *)syscall(SYS_brk, b + 4096);
        say("exec'd heap grows and is zero: %d %d\n", n == b + 4096, n == b + 4096 ? b[100] == 0 : -1);
        _exit(0);
    }
    char *b = (char *)syscall(SYS_brk, 0);
    syscall(SYS_brk, b + 8192);
    strcpy(b, "parent heap");
    int p[2];
    pipe(p);
    pid_t pid = fork();
    if (pid == 0) {
        char *cb = (char *)syscall(SYS_brk, 0);
        char r[3] = {cb == b + 8192 ? 'Y' : 'N', strcmp(b, "parent heap") == 0 ? 'Y' : 'N', 0};
        strcpy(b, "child heap");
        syscall(SYS_brk, b + 16384);
        write(p[1], r, 2);
        _exit(0);
    }
    char r[3] = {0};
    ct_read_full(p[0], r, 2);
    ct_wait(pid);
    say("child brk same %c, heap copied %c\n", r[0], r[1]);
    say("parent heap unchanged: %s, brk unchanged: %d\n", b, (char *)syscall(SYS_brk, 0) == b + 8192);
    pid = fork();
    if (pid == 0) { ct_exec_self("exec", NULL); _exit(99); }
    ct_wait(pid);
    return 0;
}
