// SPDX-License-Identifier: MIT
// /proc as a directory tree: modes and sizes of its entries, d_type and d_ino from getdents agreeing with
// lstat, stable inode numbers (self and <pid> lead to the same inodes), the per-process entries, and
// listings resumed with seekdir.
#include "contract.h"
#include <dirent.h>
#include <sys/prctl.h>

static void mode_as(const char *path, const char *label)
{
    struct stat st;
    if (lstat(path, &st)) { say("%s: %s\n", label, ct_errname(errno)); return; }
    say("%s: %06o\n", label, st.st_mode);
}
#define mode_of(p) mode_as(p, p)

// getdents' view of name in dir: its type, and whether its inode is lstat's.
static void dirent_of(const char *dir, const char *name)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    struct stat st;
    lstat(path, &st);
    while ((e = readdir(d)))
        if (strcmp(e->d_name, name) == 0) break;
    if (!e) say("%s: not listed\n", path);
    else say("%s: d_type %d d_ino matches lstat %d\n", strcmp(dir, "/proc") == 0 && name[0] >= '0' && name[0] <= '9' ? "/proc/<pid>" : path, e->d_type, e->d_ino == st.st_ino);
    closedir(d);
}

int main(void)
{
    char pid[16], path[256];
    snprintf(pid, sizeof pid, "%d", getpid());
    const char *paths[] = {"/proc", "/proc/self", "/proc/thread-self", "/proc/mounts", "/proc/meminfo", "/proc/self/",
        "/proc/self/fd", "/proc/self/fdinfo", "/proc/self/task", "/proc/self/stat", "/proc/self/status",
        "/proc/self/statm", "/proc/self/environ", "/proc/self/cmdline", "/proc/self/comm", "/proc/self/exe",
        "/proc/self/cwd", "/proc/self/root", "/proc/self/maps", "/proc/self/limits", "/proc/self/mounts",
        "/proc/self/mountinfo", "/proc/self/personality", "/proc/self/wchan", "/proc/self/oom_score",
        "/proc/self/oom_adj", "/proc/self/oom_score_adj", "/proc/self/fdinfo/0", "/proc/sys", "/proc/sys/kernel",
        "/proc/sys/kernel/random", "/proc/sys/kernel/hostname", "/proc/sys/kernel/ostype",
        "/proc/sys/kernel/random/boot_id", "/proc/sys/fs/pipe-max-size", "/proc/sys/vm/overcommit_memory", NULL};
    for (int i = 0; paths[i]; i++) mode_of(paths[i]);
    struct stat st, st2;
    lstat("/proc/mounts", &st);
    say("/proc/mounts size: %ld\n", (long)st.st_size);
    lstat("/proc/self/fd/0", &st);
    say("/proc/self/fd/0 size: %ld\n", (long)st.st_size);
    lstat("/proc/meminfo", &st);
    say("/proc/meminfo size: %ld blocks: %ld\n", (long)st.st_size, (long)st.st_blocks);

    dirent_of("/proc", "self");
    dirent_of("/proc", "thread-self");
    dirent_of("/proc", "meminfo");
    dirent_of("/proc", "sys");
    dirent_of("/proc", "mounts");
    dirent_of("/proc", pid);
    dirent_of("/proc/self", "fd");
    dirent_of("/proc/self", "stat");
    dirent_of("/proc/self", "exe");
    dirent_of("/proc/self/fd", "0");
    dirent_of("/proc/self/fdinfo", "0");

    // The same inode whichever way it is reached; different entries differ.
    snprintf(path, sizeof path, "/proc/%s/stat", pid);
    stat("/proc/self/stat", &st);
    stat(path, &st2);
    FACT("self/stat and <pid>/stat: same inode", st.st_ino == st2.st_ino && st.st_dev == st2.st_dev);
    stat("/proc/self/status", &st2);
    FACT("stat and status: different inodes", st.st_ino != st2.st_ino);
    stat("/proc", &st2);
    FACT("one device for all of /proc", st.st_dev == st2.st_dev);
    lstat("/proc/sys/kernel/hostname", &st2);
    FACT("sysctls on the same device", st.st_dev == st2.st_dev);

    // The per-process entries Aramid provides are all listed.
    const char *want[] = {"task", "fd", "fdinfo", "environ", "status", "personality", "limits", "comm", "cmdline",
        "stat", "statm", "maps", "cwd", "root", "exe", "mounts", "mountinfo", "wchan", "oom_score", "oom_adj",
        "oom_score_adj", NULL};
    char missing[512] = "";
    for (int i = 0; want[i]; i++) {
        DIR *d = opendir("/proc/self");
        struct dirent *e;
        while ((e = readdir(d)) && strcmp(e->d_name, want[i])) {}
        if (!e) { strcat(missing, " "); strcat(missing, want[i]); }
        closedir(d);
    }
    say("missing from /proc/self:%s\n", missing[0] ? missing : " none");
    // task/ has just us, and no "task" inside task/<tid>/.
    snprintf(path, sizeof path, "/proc/self/task/%s", pid);
    mode_as(path, "/proc/self/task/<pid>");
    snprintf(path, sizeof path, "/proc/self/task/%s/task", pid);
    RET(access(path, F_OK));
    snprintf(path, sizeof path, "/proc/self/task/%s/stat", pid);
    RET(access(path, R_OK));

    // A listing resumed from telldir continues where it stopped.
    DIR *d = opendir("/proc");
    struct dirent *e;
    for (int i = 0; i < 6; i++) e = readdir(d);
    long pos = telldir(d);
    e = readdir(d);
    char next[256];
    snprintf(next, sizeof next, "%s", e->d_name);
    closedir(d);
    d = opendir("/proc");
    seekdir(d, pos);
    e = readdir(d);
    FACT("seekdir resumes /proc", strcmp(e->d_name, next) == 0);
    closedir(d);
    int pids = 0, dots = 0, ours = 0;
    d = opendir("/proc");
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) dots++;
        if (e->d_name[0] >= '1' && e->d_name[0] <= '9') { pids++; ours |= !strcmp(e->d_name, pid); }
    }
    closedir(d);
    say("dots: %d pid entries include ours: %d init listed: %d\n", dots, ours, access("/proc/1", F_OK) == 0);
    // Ownership: the process's effective ids; once a uid change makes it non-dumpable, everything but
    // its 0555 directories belongs to root until PR_SET_DUMPABLE.
    pid_t child = fork();
    if (child == 0) {
        ct_become_user();
        struct stat a, b;
        stat("/proc/self/", &a);
        stat("/proc/self/status", &b);
        say("non-dumpable: dir uid %d, status uid %d\n", (int)a.st_uid, (int)b.st_uid);
        prctl(PR_SET_DUMPABLE, 1);
        stat("/proc/self/status", &b);
        say("dumpable: status uid %d\n", (int)b.st_uid);
        _exit(0);
    }
    ct_wait(child);
    RET(access("/proc/0", F_OK));
    RET(access("/proc/01", F_OK));
    RET(mkdir("/proc/newdir", 0755));
    RET(open("/proc/self/newfile", O_CREAT | O_WRONLY, 0644));
    RET(symlink("x", "/proc/sys/newlink"));
    RET(unlink("/proc/meminfo"));
    RET(chmod("/proc/self/stat", 0600));
    return 0;
}
