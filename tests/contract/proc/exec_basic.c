// SPDX-License-Identifier: MIT
// execve: argv and envp delivered exactly, pid kept, empty argv/envp handled, errors ENOENT/EFAULT/E2BIG.
#include "contract.h"

extern char **environ;

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "show") == 0) {
        say("argc: %d\n", argc);
        for (int i = 1; i < argc; i++) say("argv[%d]: \"%s\"\n", i, argv[i]);
        for (char **e = environ; *e; e++) say("env: %s\n", *e);
        _exit(0);
    }
    if (argc > 1 && strcmp(argv[1], "pid") == 0) { say("pid same after exec: %s\n", atoi(argv[2]) == getpid() ? "yes" : "no"); _exit(0); }
    pid_t pid = fork();
    if (pid == 0) {
        char *av[] = {(char *)ct_exe, (char *)ct_name, "show", "", "two words", "tab\there", NULL};
        char *ev[] = {"A=1", "EMPTY=", "NOEQUALS", NULL};
        execve(ct_exe, av, ev);
        _exit(99);
    }
    say("child: %s\n", ct_wait(pid));
    pid = fork();
    if (pid == 0) {
        char buf[32];
        snprintf(buf, sizeof buf, "%d", getpid());
        char *av[] = {(char *)ct_exe, (char *)ct_name, "pid", buf, NULL};
        char *ev[] = {NULL};
        execve(ct_exe, av, ev);
        _exit(99);
    }
    say("child: %s\n", ct_wait(pid));
    char *av[] = {"x", NULL};
    RET(execve("/nonexistent", av, av));
    RET(execve("/", av, av));
    RET(execve((char *)8, av, av));
    RET(execve(ct_exe, (char **)8, NULL));
    static char big[200000];
    memset(big, 'a', sizeof big - 1);
    char *huge[] = {"x", big, NULL};
    RET(execve(ct_exe, huge, NULL));
    static char *many[300000];
    for (int i = 0; i < 299999; i++) many[i] = "0123456789";
    RET(execve(ct_exe, many, NULL));
    return 0;
}
