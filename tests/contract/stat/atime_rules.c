// SPDX-License-Identifier: MIT
// When reads, listings and mappings move atime: relatime (newer than mtime and ctime: kept), O_NOATIME, and
// the noatime, nodiratime and strictatime mount options (relations against fixed times only).
#include "contract.h"
#include <dirent.h>
#include <sys/mman.h>
#include <sys/mount.h>

static void set_times(const char *p, long at, long mt)
{
    struct timespec t[2] = {{at, 0}, {mt, 0}};
    utimensat(AT_FDCWD, p, t, 0);
}

static const char *atime_of(const char *p, long at)
{
    struct stat st;
    stat(p, &st);
    return st.st_atime == at ? "kept" : "updated";
}

static void read_one(const char *p, int extra)
{
    char c;
    int fd = open(p, O_RDONLY | extra);
    if (fd < 0) { say("open %s: %s\n", p, ct_errname(errno)); return; }
    read(fd, &c, 1);
    close(fd);
}

static void list(const char *d)
{
    DIR *dir = opendir(d);
    while (readdir(dir)) {}
    closedir(dir);
}

// The read, listing and mapping cases in directory base.
static void cases(const char *label, const char *base)
{
    char f[256], d[256];
    snprintf(f, sizeof f, "%s/f", base);
    snprintf(d, sizeof d, "%s/d", base);
    ct_write_file(f, "abc", 0644);
    mkdir(d, 0755);
    // atime far newer than mtime (and ctime, which is now: still older than atime = now + 1 day)
    long future = time(NULL) + 86400 * 2;
    set_times(f, future, 100);
    read_one(f, 0);
    say("%s: read, atime newer than mtime and ctime: %s\n", label, atime_of(f, future));
    set_times(f, 100, 200);
    read_one(f, 0);
    say("%s: read, atime older than mtime: %s\n", label, atime_of(f, 100));
    set_times(f, 100, 200);
    read_one(f, O_NOATIME);
    say("%s: read with O_NOATIME: %s\n", label, atime_of(f, 100));
    set_times(d, 100, 200);
    list(d);
    say("%s: readdir: %s\n", label, atime_of(d, 100));
    set_times(f, 100, 200);
    int fd = open(f, O_RDONLY);
    void *m = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0);
    say("%s: mmap: %s\n", label, m == MAP_FAILED ? ct_errname(errno) : atime_of(f, 100));
    if (m != MAP_FAILED) munmap(m, 4096);
    close(fd);
}

int main(void)
{
    mkdir("m", 0755);
    cases("default", "m");
    const struct { const char *label; unsigned long flags; } mounts[] = {
        {"noatime", MS_NOATIME}, {"nodiratime", MS_NODIRATIME}, {"strictatime", MS_STRICTATIME}, {NULL, 0}};
    for (int i = 0; mounts[i].label; i++) {
        if (mount("none", "m", "tmpfs", mounts[i].flags, NULL)) { say("mount: %s\n", ct_errname(errno)); continue; }
        cases(mounts[i].label, "m");
        RET(umount("m"));
    }
    return 0;
}
