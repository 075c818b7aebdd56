// SPDX-License-Identifier: MIT
// execve permission errors as uid 1000: no x bit, not a regular file, directory search, noexec-free checks.
#include "contract.h"

static void try_exec(const char *p)
{
    pid_t pid = fork();
    if (pid == 0) {
        char *argv[] = {(char *)p, NULL};
        execv(p, argv);
        say("exec %s: %s\n", p, ct_errname(errno));
        _exit(0);
    }
    ct_wait(pid);
}

int main(void)
{
    chmod(".", 0777);
    int in = open(ct_exe, O_RDONLY);
    int out = open("copy", O_WRONLY | O_CREAT, 0644);
    char buf[65536];
    ssize_t n;
    while ((n = read(in, buf, sizeof buf)) > 0) write(out, buf, n);
    close(out);
    ct_write_file("noexec", "#!/bin/sh\n", 0644);
    mkdir("dir", 0755);
    mkdir("closed", 0700);
    ct_write_file("closed/prog", "#!/bin/sh\n", 0755);
    ct_become_user();
    try_exec("copy");
    try_exec("./copy");
    try_exec("./noexec");
    try_exec("./dir");
    try_exec("./closed/prog");
    try_exec("./missing");
    try_exec("/dev/null");
    return 0;
}
