// SPDX-License-Identifier: MIT
// Shared set-up for the cgroup tests: the cgroup2 hierarchy (at /sys/fs/cgroup when mounted
// there, else on a scratch directory mounted for the test), paths below it, and small read and
// write helpers that report errno names.
#pragma once
#include <dirent.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>

#define CG2_MAGIC 0x63677270
#define CG_SCRATCH "/tmp/ct-cgroup2"

static char cg_root[64];
static int cg_mounted_here;

// Finds or mounts the hierarchy; exits when that fails.
static void cg_setup(void)
{
    struct statfs s;
    if (statfs("/sys/fs/cgroup", &s) == 0 && s.f_type == CG2_MAGIC) {
        strcpy(cg_root, "/sys/fs/cgroup");
        return;
    }
    mkdir(CG_SCRATCH, 0755);
    strcpy(cg_root, CG_SCRATCH);
    if (statfs(CG_SCRATCH, &s) == 0 && s.f_type == CG2_MAGIC) return;
    if (mount("none", CG_SCRATCH, "cgroup2", 0, NULL)) {
        say("mount cgroup2: %s\n", ct_errname(errno));
        exit(1);
    }
    cg_mounted_here = 1;
}

static void cg_teardown(void)
{
    if (cg_mounted_here) {
        umount(CG_SCRATCH);
        rmdir(CG_SCRATCH);
    }
}

// The absolute path of rel ("" is the root) in a static buffer (one of four, rotating).
static const char *cg_path(const char *rel)
{
    static char bufs[4][256];
    static int next;
    char *b = bufs[next++ & 3];
    snprintf(b, 256, "%s%s%s", cg_root, rel[0] ? "/" : "", rel);
    return b;
}

// Reads a file below the root; returns its length or -errno.
static ssize_t cg_read(const char *rel, char *buf, size_t cap)
{
    int fd = open(cg_path(rel), O_RDONLY);
    if (fd < 0) {
        buf[0] = 0;
        return -errno;
    }
    ssize_t n = read(fd, buf, cap - 1);
    int e = errno;
    close(fd);
    if (n < 0) {
        buf[0] = 0;
        return -e;
    }
    buf[n] = 0;
    return n;
}

// Writes s with one write(2); returns 0 or -errno (from open or write).
static int cg_write(const char *rel, const char *s)
{
    int fd = open(cg_path(rel), O_WRONLY);
    if (fd < 0) return -errno;
    ssize_t n = write(fd, s, strlen(s));
    int e = errno;
    close(fd);
    if (n < 0) return -e;
    return n == (ssize_t)strlen(s) ? 0 : -EIO;
}

// "ok" or the errno name of a cg_write / cg_read style result.
static const char *cg_res(long r) { return r >= 0 ? "ok" : ct_errname((int)-r); }

#define CG_WRITE(rel, s) say("write %s <- \"%s\": %s\n", rel, s, cg_res(cg_write(rel, s)))

// Prints a file's contents, each line prefixed with the label.
static void cg_show(const char *rel)
{
    char buf[4096];
    ssize_t n = cg_read(rel, buf, sizeof buf);
    if (n < 0) {
        say("%s: %s\n", rel, ct_errname((int)-n));
        return;
    }
    if (n == 0) say("%s: (empty)\n", rel);
    char *save = NULL;
    for (char *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) say("%s: %s\n", rel, l);
}

// Moves process pid (0: the caller) into the cgroup rel.
static int cg_move(const char *rel, int pid)
{
    char p[300], num[16];
    snprintf(p, sizeof p, "%s%scgroup.procs", rel, rel[0] ? "/" : "");
    snprintf(num, sizeof num, "%d", pid);
    return cg_write(p, num);
}

// Number of lines (pids) in a cgroup's cgroup.procs or cgroup.threads.
static int cg_count(const char *rel, const char *file)
{
    char p[300], buf[4096];
    snprintf(p, sizeof p, "%s%s%s", rel, rel[0] ? "/" : "", file);
    if (cg_read(p, buf, sizeof buf) < 0) return -1;
    int n = 0;
    for (char *c = buf; *c; c++) n += *c == '\n';
    return n;
}

// Whether pid is listed in the cgroup's file.
static int cg_lists(const char *rel, const char *file, int pid)
{
    char p[300], buf[4096];
    snprintf(p, sizeof p, "%s%s%s", rel, rel[0] ? "/" : "", file);
    if (cg_read(p, buf, sizeof buf) < 0) return 0;
    char *save = NULL;
    for (char *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
        if (atoi(l) == pid) return 1;
    return 0;
}

// The value of "key N" in a flat-keyed file, or -1.
static long long cg_key(const char *rel, const char *key)
{
    char buf[4096];
    if (cg_read(rel, buf, sizeof buf) < 0) return -1;
    size_t k = strlen(key);
    for (char *l = buf; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
        if (!strncmp(l, key, k) && l[k] == ' ') return atoll(l + k + 1);
    return -1;
}

// The caller's /proc/<pid>/cgroup line(s), printed with a label.
static void cg_show_proc(const char *label, int pid)
{
    char p[64], buf[512];
    snprintf(p, sizeof p, "/proc/%d/cgroup", pid ? pid : getpid());
    if (ct_read_file(p, buf, sizeof buf) < 0) {
        say("%s: %s\n", label, ct_errname(errno));
        return;
    }
    char *save = NULL;
    for (char *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) say("%s: %s\n", label, l);
}

// A child that waits until every write end of p is closed, then exits with status code.
static pid_t cg_sleeper(int p[2], int code)
{
    pid_t c = fork();
    if (c == 0) {
        char x;
        close(p[1]);
        read(p[0], &x, 1);
        _exit(code);
    }
    return c;
}
