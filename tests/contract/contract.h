// SPDX-License-Identifier: MIT
// Shared helpers for contract tests: deterministic printing of results, errno and signal names, wait statuses.
//
// A contract test is a C program whose output must be identical on Linux and Aramid. Print facts only:
// values that do not depend on pids, addresses, times or inode numbers; print relations instead.
// Rules: print from one process at a time (children report through pipes or exit statuses), end every
// line with '\n' (stdout is line-buffered, so nothing is pending across fork), exit 0.
#ifndef CONTRACT_H
#define CONTRACT_H
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

// Set by the multicall dispatcher (tools/contract/ct_main.c): absolute path of the test binary and the
// name of the running test. Re-exec yourself with ct_exec_self("mode", ...) to get a helper process.
extern const char *ct_exe;
extern const char *ct_name;

static inline const char *ct_errname(int e)
{
    switch (e) {
#define E(x) case x: return #x;
    E(EPERM) E(ENOENT) E(ESRCH) E(EINTR) E(EIO) E(ENXIO) E(E2BIG) E(ENOEXEC) E(EBADF) E(ECHILD)
    E(EAGAIN) E(ENOMEM) E(EACCES) E(EFAULT) E(ENOTBLK) E(EBUSY) E(EEXIST) E(EXDEV) E(ENODEV)
    E(ENOTDIR) E(EISDIR) E(EINVAL) E(ENFILE) E(EMFILE) E(ENOTTY) E(ETXTBSY) E(EFBIG) E(ENOSPC)
    E(ESPIPE) E(EROFS) E(EMLINK) E(EPIPE) E(EDOM) E(ERANGE) E(EDEADLK) E(ENAMETOOLONG) E(ENOLCK)
    E(ENOSYS) E(ENOTEMPTY) E(ELOOP) E(ENOMSG) E(EIDRM) E(ENODATA) E(ETIME) E(EOVERFLOW)
    E(EBADFD) E(EILSEQ) E(ENOTSOCK) E(EDESTADDRREQ) E(EMSGSIZE) E(EPROTOTYPE) E(ENOPROTOOPT)
    E(EPROTONOSUPPORT) E(ESOCKTNOSUPPORT) E(EOPNOTSUPP) E(EAFNOSUPPORT) E(EADDRINUSE) E(EADDRNOTAVAIL) E(ENETDOWN)
    E(ENETUNREACH) E(ECONNABORTED) E(ECONNRESET) E(ENOBUFS) E(EISCONN) E(ENOTCONN) E(ETIMEDOUT)
    E(ECONNREFUSED) E(EALREADY) E(EINPROGRESS) E(ESTALE) E(EDQUOT) E(ECANCELED) E(EOWNERDEAD)
    E(ENOTRECOVERABLE) E(ERESTART)
#undef E
    case 0: return "0";
    default: { static char buf[32]; snprintf(buf, sizeof buf, "errno%d", e); return buf; }
    }
}

static inline const char *ct_signame(int s)
{
    static const char *const names[] = {
        "0", "SIGHUP", "SIGINT", "SIGQUIT", "SIGILL", "SIGTRAP", "SIGABRT", "SIGBUS", "SIGFPE",
        "SIGKILL", "SIGUSR1", "SIGSEGV", "SIGUSR2", "SIGPIPE", "SIGALRM", "SIGTERM", "SIGSTKFLT",
        "SIGCHLD", "SIGCONT", "SIGSTOP", "SIGTSTP", "SIGTTIN", "SIGTTOU", "SIGURG", "SIGXCPU",
        "SIGXFSZ", "SIGVTALRM", "SIGPROF", "SIGWINCH", "SIGIO", "SIGPWR", "SIGSYS"};
    static char buf[32];
    if (s >= 0 && s < 32) return names[s];
    if (s >= 32 && s <= 64) { snprintf(buf, sizeof buf, "SIGRT%d", s - 32); return buf; }
    snprintf(buf, sizeof buf, "sig%d", s);
    return buf;
}

static inline void ct_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline void ct_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    fflush(stdout);
}
#define say ct_printf

// Print "label: N" on success, "label: ERRNAME" when the call returned -1.
static inline long ct_report(const char *label, long ret, int err)
{
    if (ret == -1) say("%s: %s\n", label, ct_errname(err));
    else say("%s: %ld\n", label, ret);
    return ret;
}
// Print "label: ok" on success (value not printed: use for pids, fds whose number does not matter...).
static inline long ct_report_ok(const char *label, long ret, int err)
{
    if (ret == -1) say("%s: %s\n", label, ct_errname(err));
    else say("%s: ok\n", label);
    return ret;
}
#define RET(expr) ({ errno = 0; long ct_r_ = (long)(expr); int ct_e_ = errno; ct_report(#expr, ct_r_, ct_e_); })
#define OK(expr) ({ errno = 0; long ct_r_ = (long)(expr); int ct_e_ = errno; ct_report_ok(#expr, ct_r_, ct_e_); })
// Print a boolean fact: "label: yes|no".
#define FACT(label, cond) say("%s: %s\n", (label), (cond) ? "yes" : "no")
#define CHECK(cond) say("%s: %s\n", #cond, (cond) ? "yes" : "no")

// Describe a wait status: "exit 3", "signal SIGKILL", "signal SIGSEGV core", "stopped SIGSTOP", "continued".
static inline const char *ct_status(int st)
{
    static char buf[64];
    if (WIFEXITED(st)) snprintf(buf, sizeof buf, "exit %d", WEXITSTATUS(st));
    else if (WIFSIGNALED(st))
        snprintf(buf, sizeof buf, "signal %s%s", ct_signame(WTERMSIG(st)), WCOREDUMP(st) ? " core" : "");
    else if (WIFSTOPPED(st)) snprintf(buf, sizeof buf, "stopped %s", ct_signame(WSTOPSIG(st)));
    else if (WIFCONTINUED(st)) snprintf(buf, sizeof buf, "continued");
    else snprintf(buf, sizeof buf, "raw 0x%x", st);
    return buf;
}

// Wait for pid and return its status string.
static inline const char *ct_wait(pid_t pid)
{
    int st = 0;
    pid_t r;
    do r = waitpid(pid, &st, 0); while (r == -1 && errno == EINTR);
    if (r != pid) return "waitpid failed";
    return ct_status(st);
}

// Drop to an unprivileged user (uid/gid 1000, no supplementary groups). Exits on failure.
static inline void ct_become_user(void)
{
    if (setgroups(0, NULL) || setgid(1000) || setuid(1000)) {
        say("ct_become_user failed: %s\n", ct_errname(errno));
        exit(1);
    }
}

// Write a whole file with the given contents; returns 0 or -1.
static inline int ct_write_file(const char *path, const char *data, mode_t mode)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
    if (fd < 0) return -1;
    size_t n = strlen(data);
    ssize_t w = write(fd, data, n);
    close(fd);
    return w == (ssize_t)n ? 0 : -1;
}

// Read up to cap-1 bytes of a file into buf (NUL-terminated); returns the length or -1.
static inline ssize_t ct_read_file(const char *path, char *buf, size_t cap)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0) return -1;
    size_t n = 0;
    for (;;) {
        ssize_t r = read(fd, buf + n, cap - 1 - n);
        if (r <= 0) break;
        n += (size_t)r;
        if (n == cap - 1) break;
    }
    close(fd);
    buf[n] = 0;
    return (ssize_t)n;
}

// Full read/write on a descriptor, retrying on EINTR and short counts.
static inline ssize_t ct_read_full(int fd, void *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = read(fd, (char *)buf + got, n - got);
        if (r == -1 && errno == EINTR) continue;
        if (r <= 0) return got ? (ssize_t)got : r;
        got += (size_t)r;
    }
    return (ssize_t)got;
}
static inline ssize_t ct_write_full(int fd, const void *buf, size_t n)
{
    size_t put = 0;
    while (put < n) {
        ssize_t r = write(fd, (const char *)buf + put, n - put);
        if (r == -1 && errno == EINTR) continue;
        if (r <= 0) return put ? (ssize_t)put : r;
        put += (size_t)r;
    }
    return (ssize_t)put;
}

// Re-exec this binary as a helper: argv = { ct_exe, ct_name, mode, extra..., NULL }. Returns only on error.
static inline int ct_exec_self(const char *mode, const char *extra)
{
    char *argv[] = {(char *)ct_exe, (char *)ct_name, (char *)mode, (char *)extra, NULL};
    return execv(ct_exe, argv);
}

// A one-byte handshake between processes: ct_sync_make(p), then ct_sync_post(p) / ct_sync_wait(p).
static inline void ct_sync_post(int fds[2]) { char c = 'x'; (void)!write(fds[1], &c, 1); }
static inline int ct_sync_wait(int fds[2])
{
    char c;
    ssize_t r;
    do r = read(fds[0], &c, 1); while (r == -1 && errno == EINTR);
    return r == 1 ? 0 : -1;
}

// Sleep for ms milliseconds (restarting on EINTR).
static inline void ct_msleep(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) == -1 && errno == EINTR) {}
}

// The state letter of a process in /proc/<pid>/stat ('?' when it cannot be read).
static inline char ct_proc_state(pid_t pid)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    if (ct_read_file(path, buf, sizeof buf) <= 0) return '?';
    char *p = strrchr(buf, ')');
    return p ? p[2] : '?';
}

// Wait (up to 10 s) until process pid is blocked in the kernel (state S or D in /proc/<pid>/stat), so
// that a test can act on "the other process is now waiting" without guessing with sleeps.
static inline int ct_wait_blocked(pid_t pid)
{
    for (int i = 0; i < 1000; i++) {
        char s = ct_proc_state(pid);
        if (s == 'S' || s == 'D') return 0;
        ct_msleep(10);
    }
    return -1;
}

// Prints the lines of /proc/self/fdinfo/<fd> that start with one of the prefixes (a NULL-ended
// list), each as "fdinfo <line>".
static inline void ct_show_fdinfo(int fd, const char *const *prefixes)
{
    char path[64], buf[1024];
    snprintf(path, sizeof path, "/proc/self/fdinfo/%d", fd);
    if (ct_read_file(path, buf, sizeof buf) < 0) {
        say("fdinfo: %s\n", ct_errname(errno));
        return;
    }
    for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n"))
        for (const char *const *p = prefixes; *p; p++)
            if (!strncmp(line, *p, strlen(*p))) say("fdinfo %s\n", line);
}

#endif
