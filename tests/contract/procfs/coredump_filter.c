// SPDX-License-Identifier: MIT
// /proc/<pid>/coredump_filter (systemd reads it at boot): eight hex digits, nine bits kept of what is
// written (decimal, 0x hex or octal), inherited by fork and kept across execve; not in task/<tid>/.
#include "contract.h"

static void show(const char *label)
{
    char buf[64] = "";
    ssize_t n = ct_read_file("/proc/self/coredump_filter", buf, sizeof buf);
    say("%s: %zd %s", label, n, n > 0 ? buf : "\n");
}

static void put(const char *value)
{
    int fd = open("/proc/self/coredump_filter", O_WRONLY);
    ssize_t n = write(fd, value, strlen(value));
    say("write \"%.*s\": %s\n", (int)strcspn(value, "\n"), value, n < 0 ? ct_errname(errno) : "ok");
    close(fd);
    show("  now");
}

int main(int argc, char **argv)
{
    if (argc > 2 && !strcmp(argv[1], "exec")) {
        show("after execve");
        return 0;
    }
    show("default");
    put("0x1f");
    put("1023\n");
    put("017");
    put("+5");
    put("zz");
    put("-1");
    put("0x");
    put("08");
    put("4294967296");
    put("");
    put("0x23");
    char path[64];
    snprintf(path, sizeof path, "/proc/self/task/%d/coredump_filter", getpid());
    say("in task dir: %s\n", access(path, F_OK) ? ct_errname(errno) : "present");
    pid_t pid = fork();
    if (pid == 0) {
        show("child");
        ct_exec_self("exec", "x");
        _exit(127);
    }
    say("child: %s\n", ct_wait(pid));
    return 0;
}
