// SPDX-License-Identifier: MIT
// /proc/self/fd lists exactly the open descriptors; /proc/self/fdinfo shows flags and position.
#include "contract.h"
#include <dirent.h>

static void list(void)
{
    DIR *d = opendir("/proc/self/fd");
    int own = dirfd(d);
    int fds[64], n = 0;
    struct dirent *e;
    while ((e = readdir(d))) if (e->d_name[0] != '.' && atoi(e->d_name) != own) fds[n++] = atoi(e->d_name);
    closedir(d);
    for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++) if (fds[j] < fds[i]) { int t = fds[i]; fds[i] = fds[j]; fds[j] = t; }
    char line[256] = "fds:";
    for (int i = 0; i < n; i++) snprintf(line + strlen(line), sizeof line - strlen(line), " %d", fds[i]);
    say("%s\n", line);
}

int main(void)
{
    list();
    int fd = open("f", O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    write(fd, "12345", 5);
    dup2(fd, 9);
    list();
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/self/fdinfo/%d", fd);
    ct_read_file(path, buf, sizeof buf);
    unsigned long pos = 99, flags = 0;
    sscanf(strstr(buf, "pos:"), "pos: %lu", &pos);
    sscanf(strstr(buf, "flags:"), "flags: %lo", &flags);
    say("pos: %lu append: %d cloexec: %d accmode: %lu\n", pos, !!(flags & O_APPEND), !!(flags & O_CLOEXEC), flags & O_ACCMODE);
    snprintf(path, sizeof path, "/proc/self/fdinfo/%d", 9);
    ct_read_file(path, buf, sizeof buf);
    sscanf(strstr(buf, "flags:"), "flags: %lo", &flags);
    say("dup has cloexec: %d\n", !!(flags & O_CLOEXEC));
    close(9);
    list();
    RET(access("/proc/self/fd/9", F_OK));
    return 0;
}
