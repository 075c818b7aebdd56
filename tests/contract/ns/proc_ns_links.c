// SPDX-License-Identifier: MIT
// /proc/<pid>/ns/{uts,ipc}: the link names ("uts:[4026531838]" for the initial namespace), what
// they tell about two processes, and that stat through a link gives the namespace's number.
#include "contract.h"
#include <sched.h>

static void link_of(pid_t pid, const char *kind, char *out, size_t cap)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/ns/%s", (int)pid, kind);
    ssize_t n = readlink(path, out, cap - 1);
    if (n < 0) snprintf(out, cap, "%s", ct_errname(errno));
    else out[n] = 0;
}

int main(void)
{
    char self_uts[64], self_ipc[64], buf[64];
    link_of(getpid(), "uts", self_uts, sizeof self_uts);
    link_of(getpid(), "ipc", self_ipc, sizeof self_ipc);
    say("uts link: %s\n", self_uts);
    say("ipc link: %s\n", self_ipc);
    ssize_t n = readlink("/proc/self/ns/uts", buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = 0;
    FACT("/proc/self/ns/uts is the same", !strcmp(buf, self_uts));
    struct stat st, lst;
    RET(lstat("/proc/self/ns/uts", &lst));
    FACT("lstat: a symlink", S_ISLNK(lst.st_mode));
    RET(stat("/proc/self/ns/uts", &st));
    FACT("stat: a regular file", S_ISREG(st.st_mode));
    say("stat mode: %o\n", st.st_mode & 07777);
    unsigned long inum = 0;
    sscanf(self_uts, "uts:[%lu]", &inum);
    FACT("stat ino is the link's number", st.st_ino == inum);
    RET(stat("/proc/self/ns", &st));
    say("ns dir mode: %o\n", st.st_mode & 07777);
    int fd = open("/proc/self/ns/uts", O_RDONLY);
    say("open: %s\n", fd >= 0 ? "ok" : ct_errname(errno));
    char c;
    RET(read(fd, &c, 1));
    close(fd);

    int ready[2], go[2];
    if (pipe(ready) || pipe(go)) return 1;
    pid_t pid = fork();
    if (pid == 0) {
        ct_sync_wait(go);
        unshare(CLONE_NEWUTS);
        ct_sync_post(ready);
        ct_sync_wait(go);
        _exit(0);
    }
    char child_uts[64], child_ipc[64];
    link_of(pid, "uts", child_uts, sizeof child_uts);
    FACT("fork child: same uts ns as parent", !strcmp(child_uts, self_uts));
    ct_sync_post(go);
    ct_sync_wait(ready);
    link_of(pid, "uts", child_uts, sizeof child_uts);
    link_of(pid, "ipc", child_ipc, sizeof child_ipc);
    FACT("after unshare: same uts ns as parent", !strcmp(child_uts, self_uts));
    FACT("after unshare: same ipc ns as parent", !strcmp(child_ipc, self_ipc));
    FACT("new uts link looks like uts:[N]", !strncmp(child_uts, "uts:[", 5) && child_uts[strlen(child_uts) - 1] == ']');
    ct_sync_post(go);
    say("child: %s\n", ct_wait(pid));
    // Gone: the links go with the process.
    link_of(pid, "uts", child_uts, sizeof child_uts);
    say("after reaping: %s\n", child_uts);
    // Unprivileged readers may not look at another user's process's namespaces.
    pid = fork();
    if (pid == 0) {
        ct_become_user();
        link_of(getppid(), "uts", buf, sizeof buf);
        say("unprivileged, parent's link: %s\n", !strcmp(buf, self_uts) ? "readable" : buf);
        link_of(getpid(), "uts", buf, sizeof buf);
        say("unprivileged, own link: %s\n", !strcmp(buf, self_uts) ? "readable" : buf);
        _exit(0);
    }
    say("unprivileged child: %s\n", ct_wait(pid));
    return 0;
}
