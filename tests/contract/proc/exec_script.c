// SPDX-License-Identifier: MIT
// #! scripts: interpreter gets the optional argument and script path; ENOEXEC for garbage, nested interpreters.
#include "contract.h"

static void run(const char *path)
{
    pid_t pid = fork();
    if (pid == 0) {
        char *av[] = {(char *)path, "arg1", NULL};
        char *ev[] = {NULL};
        execve(path, av, ev);
        say("exec %s: %s\n", path, ct_errname(errno));
        _exit(0);
    }
    say("%s: %s\n", path, ct_wait(pid));
}

int main(int argc, char **argv)
{
    // Run as the interpreter of ./s1 or ./s2: argv = {test name, script path, script args...}.
    if (argc > 1 && argv[1][0] == '.') {
        for (int i = 1; i < argc; i++) say("  interp argv[%d]: %s\n", i, argv[i]);
        _exit(0);
    }
    char script[512];
    snprintf(script, sizeof script, "#!%s %s\nignored\n", ct_exe, ct_name);
    ct_write_file("s1", script, 0755);
    snprintf(script, sizeof script, "#! %s  %s  \n", ct_exe, ct_name);
    ct_write_file("s2", script, 0755);
    ct_write_file("sh1", "#!/bin/sh\necho shell says $0 $1\nexit 3\n", 0755);
    ct_write_file("garbage", "\x01\x02\x03 not an executable\n", 0755);
    ct_write_file("missing", "#!/no/such/interp\n", 0755);
    ct_write_file("empty", "", 0755);
    ct_write_file("nested", "#!./sh1\n", 0755);
    run("./s1");
    run("./s2");
    run("./sh1");
    run("./garbage");
    run("./missing");
    run("./empty");
    run("./nested");
    return 0;
}
