// SPDX-License-Identifier: MIT
// syslog(2)/klogctl: reading the kernel log ring ("<level>text" lines), sizes, argument errors, and
// the permission rule for an unprivileged caller (Debian kernels restrict dmesg).
#include "contract.h"
#include <sys/syscall.h>

static long klog(int type, char *buf, long len) { return syscall(SYS_syslog, type, buf, len); }

// Every line of buf[0..n) starts with "<number>" and ends with '\n'. (Lines written through /dev/kmsg
// carry the user facility in the number on Linux.)
static int lines_well_formed(const char *buf, long n)
{
    long i = 0;
    if (n <= 0) return 0;
    while (i < n) {
        if (buf[i] != '<') return 0;
        long j = i + 1;
        while (j < n && buf[j] >= '0' && buf[j] <= '9') j++;
        if (j == i + 1 || j >= n || buf[j] != '>') return 0;
        const char *nl = memchr(buf + i, '\n', (size_t)(n - i));
        if (!nl) return 0;
        i = nl - buf + 1;
    }
    return 1;
}

static int contains(const char *buf, long n, const char *what)
{
    return n > 0 && memmem(buf, (size_t)n, what, strlen(what)) != NULL;
}

// Logs one line through /dev/kmsg so that the log has something new whatever ran before.
static void mark(const char *text)
{
    char line[256];
    int fd = open("/dev/kmsg", O_WRONLY);
    int len = snprintf(line, sizeof line, "<6>%s\n", text);
    if (fd < 0 || write(fd, line, (size_t)len) != len) say("kmsg write failed: %s\n", ct_errname(errno));
    if (fd >= 0) close(fd);
}

#define MARK1 "ct-syslog-first-marker"
#define MARK2 "ct-syslog-second-marker-long-enough-to-fill-sixty-four-bytes-of-a-read"
#define MARK3 "ct-syslog-third-marker"

int main(int argc, char **argv)
{
    static char buf[1 << 20];
    if (argc > 1 && !strcmp(argv[1], "user")) {
        ct_become_user();
        RET(klog(3, buf, sizeof buf));
        RET(klog(10, NULL, 0));
        RET(klog(9, NULL, 0));
        RET(klog(99, NULL, 0));
        return 0;
    }
    mark(MARK1);
    long size = klog(10, NULL, 0);
    FACT("SIZE_BUFFER > 0", size > 0);
    long n = klog(3, buf, sizeof buf);
    FACT("READ_ALL > 0", n > 0);
    FACT("READ_ALL <= SIZE_BUFFER", n <= size);
    FACT("READ_ALL lines start with <number>", lines_well_formed(buf, n));
    FACT("READ_ALL has the marker", contains(buf, n, MARK1));
    // A small buffer gets only whole lines: the newest ones that fit.
    long small = klog(3, buf, 200);
    FACT("READ_ALL(200) <= 200", small >= 0 && small <= 200);
    FACT("READ_ALL(200) whole lines", small == 0 || lines_well_formed(buf, small));
    RET(klog(3, buf, 0));
    RET(klog(3, NULL, 10));
    RET(klog(3, buf, -1));
    RET(klog(3, (char *)1, sizeof buf));
    RET(klog(2, NULL, 10));
    RET(klog(2, buf, -5));
    RET(klog(2, buf, 0));
    RET(klog(4, NULL, 10));
    RET(klog(99, NULL, 0));
    RET(klog(-1, NULL, 0));
    RET(klog(11, NULL, 0));
    RET(klog(0, NULL, 0));
    RET(klog(1, NULL, 0));
    // Console level: 1..8 only; leave it as "quiet" set it (4).
    RET(klog(8, NULL, 0));
    RET(klog(8, NULL, 9));
    RET(klog(6, NULL, 0));
    RET(klog(7, NULL, 0));
    RET(klog(7, NULL, 0));
    RET(klog(8, NULL, 4));
    // READ consumes: drain what is unread, then a new line is read in pieces.
    long unread = klog(9, NULL, 0);
    FACT("SIZE_UNREAD > 0", unread > 0);
    long r = klog(2, buf, unread);
    FACT("READ(unread) == unread", r == unread);
    FACT("drained text ends a line", r > 0 && buf[r - 1] == '\n');
    RET(klog(9, NULL, 0));
    mark(MARK2);
    unread = klog(9, NULL, 0);
    FACT("SIZE_UNREAD > 64 after a line", unread > 64);
    r = klog(2, buf, 64);
    FACT("READ(64) == 64", r == 64);
    FACT("READ starts a line", r > 3 && buf[0] == '<');
    FACT("SIZE_UNREAD dropped by 64", klog(9, NULL, 0) == unread - 64);
    r = klog(2, buf + 64, sizeof buf - 64);
    FACT("rest of the line read", r == unread - 64 && contains(buf, 64 + r, MARK2));
    // CLEAR: READ_ALL then has only what was logged since.
    RET(klog(5, NULL, 0));
    mark(MARK3);
    long after = klog(3, buf, sizeof buf);
    FACT("READ_ALL after CLEAR has the new line", contains(buf, after, MARK3));
    FACT("READ_ALL after CLEAR lost the old one", !contains(buf, after, MARK1));
    FACT("READ_ALL after CLEAR well formed", lines_well_formed(buf, after));
    FACT("SIZE_BUFFER unchanged", klog(10, NULL, 0) == size);

    pid_t pid = fork();
    if (pid == 0) {
        ct_exec_self("user", NULL);
        _exit(127);
    }
    say("user: %s\n", ct_wait(pid));
    return 0;
}
