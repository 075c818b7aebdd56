// SPDX-License-Identifier: MIT
// /proc/<pid>/cmdline, environ and comm: the argument and environment blocks exactly as execve passed
// them, cmdline reading live memory (argv overwritten in place, and the setproctitle case where argv's
// last NUL is gone and the title runs into the environment), comm from the executable's name, comm writes
// (the bytes as written, at most 15, only from the same process), and task/<tid>/comm.
#include "contract.h"
#include <libgen.h>
#include <sys/prctl.h>

static void dump(const char *label, const char *path)
{
    char buf[1024];
    ssize_t n = ct_read_file(path, buf, sizeof buf);
    for (ssize_t i = 0; i < n; i++) if (buf[i] == 0) buf[i] = '|'; else if (buf[i] == '\n') buf[i] = '$';
    say("%s: %zd \"%s\"\n", label, n, n > 0 ? buf : "");
}

static void write_comm(const char *path, const char *s)
{
    int fd = open(path, O_WRONLY);
    if (fd < 0) { say("open %s: %s\n", path, ct_errname(errno)); return; }
    ssize_t n = write(fd, s, strlen(s));
    say("write comm %zu bytes: %s\n", strlen(s), n < 0 ? ct_errname(errno) : n == (ssize_t)strlen(s) ? "all" : "short");
    close(fd);
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "child")) {
        dump("cmdline", "/proc/self/cmdline");
        dump("environ", "/proc/self/environ");
        char comm[32], exe[256], link[256] = "";
        ct_read_file("/proc/self/comm", comm, sizeof comm);
        readlink("/proc/self/exe", link, sizeof link - 1);
        snprintf(exe, sizeof exe, "%.15s\n", basename(link));
        FACT("comm is the executable's name (15 bytes at most)", strcmp(comm, exe) == 0);
        // Overwrite argv[0] in place: cmdline shows memory as it is now.
        memcpy(argv[-1], "XY", 3);
        dump("cmdline after argv[0] edit", "/proc/self/cmdline");
        // setproctitle: fill argv's whole area (no NUL at its end): the title runs into the environment
        // up to its first NUL.
        char *start = argv[-1], *last = argv[argc - 1] + strlen(argv[argc - 1]);
        memset(start, 'T', last - start + 1);
        dump("cmdline after setproctitle", "/proc/self/cmdline");
        write_comm("/proc/self/comm", "abc\n");
        dump("comm", "/proc/self/comm");
        write_comm("/proc/self/comm", "0123456789abcdefghij");
        dump("comm", "/proc/self/comm");
        char name[32] = "";
        prctl(PR_GET_NAME, name);
        say("PR_GET_NAME: %s\n", name);
        char path[64];
        snprintf(path, sizeof path, "/proc/self/task/%d/comm", getpid());
        dump("task comm", path);
        snprintf(path, sizeof path, "/proc/%d/comm", getppid());
        write_comm(path, "parent");
        _exit(0);
    }
    pid_t pid = fork();
    if (pid == 0) {
        char *av[] = {"argv0", (char *)ct_name, "child", "", "two words", NULL};
        char *ev[] = {"K=V", "EMPTY=", "LAST=x", NULL};
        execve(ct_exe, av, ev);
        _exit(99);
    }
    say("%s\n", ct_wait(pid));
    dump("own environ", "/proc/self/environ");
    return 0;
}
