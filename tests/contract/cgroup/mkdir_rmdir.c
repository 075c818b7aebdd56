// SPDX-License-Identifier: MIT
// cgroup2 directories: mkdir and rmdir rules and errors, rename (cgroup v2 has none: EPERM),
// and what a cgroup directory refuses (files, links, nodes).
#include "contract.h"
#include "cg.h"
#include <sys/syscall.h>
#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE 1
#endif

int main(void)
{
    cg_setup();
    char a[256];
    snprintf(a, sizeof a, "%s", cg_path("ct_mkdir"));
    RET(mkdir(a, 0755));
    RET(mkdir(a, 0755));
    RET(mkdir(cg_path("ct_mkdir/bad\nname"), 0755));
    RET(mkdir(cg_path("ct_mkdir/cgroup.procs"), 0755));
    RET(mkdir(cg_path("ct_mkdir/sub"), 0700));
    struct stat st;
    RET(stat(cg_path("ct_mkdir/sub"), &st));
    say("sub mode %o\n", st.st_mode & 07777);
    RET(stat(a, &st));
    say("parent nlink %lu\n", (unsigned long)st.st_nlink);
    cg_show("ct_mkdir/cgroup.stat");

    // rmdir: children and members keep a cgroup.
    RET(rmdir(a));
    RET(rmdir(cg_path("ct_mkdir/nothere")));
    RET(rmdir(cg_path("ct_mkdir/cgroup.procs")));
    RET(unlink(cg_path("ct_mkdir/cgroup.procs")));
    int p[2];
    RET(pipe(p));
    pid_t c = cg_sleeper(p, 0);
    close(p[0]);
    RET(cg_move("ct_mkdir/sub", c));
    RET(rmdir(cg_path("ct_mkdir/sub")));
    close(p[1]);
    say("child: %s\n", ct_wait(c));
    RET(rmdir(cg_path("ct_mkdir/sub")));
    RET(stat(a, &st));
    say("parent nlink after rmdir %lu\n", (unsigned long)st.st_nlink);

    // Files and nodes cannot be made.
    RET(open(cg_path("ct_mkdir/newfile"), O_CREAT | O_WRONLY, 0644));
    RET(mknod(cg_path("ct_mkdir/node"), S_IFIFO | 0644, 0));
    RET(symlink("x", cg_path("ct_mkdir/link")));
    RET(link(cg_path("ct_mkdir/cgroup.procs"), cg_path("ct_mkdir/hard")));

    // rename: directories within their parent only.
    RET(mkdir(cg_path("ct_mkdir/x"), 0755));
    RET(mkdir(cg_path("ct_mkdir/y"), 0755));
    RET(mkdir(cg_path("ct_mkdir2"), 0755));
    RET(rename(cg_path("ct_mkdir/x"), cg_path("ct_mkdir/x2")));
    FACT("renamed visible", access(cg_path("ct_mkdir/x2/cgroup.procs"), F_OK) == 0);
    FACT("old name gone", access(cg_path("ct_mkdir/x"), F_OK) != 0);
    RET(rename(cg_path("ct_mkdir/x2"), cg_path("ct_mkdir/y")));
    RET(rename(cg_path("ct_mkdir/x2"), cg_path("ct_mkdir2/x2")));
    RET(rename(cg_path("ct_mkdir/x2"), cg_path("ct_mkdir/bad\nname")));
    RET(rename(cg_path("ct_mkdir/cgroup.procs"), cg_path("ct_mkdir/procs2")));
    RET(rename(cg_path("ct_mkdir/x2"), cg_path("ct_mkdir/cgroup.procs")));
    RET(syscall(SYS_renameat2, AT_FDCWD, cg_path("ct_mkdir/x2"), AT_FDCWD, cg_path("ct_mkdir/x3"), RENAME_NOREPLACE));

    // A removed cgroup: its open directory takes no new children, its files read ENODEV.
    int dfd = open(cg_path("ct_mkdir/y"), O_RDONLY | O_DIRECTORY);
    int ffd = open(cg_path("ct_mkdir/y/cgroup.procs"), O_RDWR);
    RET(rmdir(cg_path("ct_mkdir/y")));
    RET(mkdirat(dfd, "z", 0755));
    char buf[64];
    RET(read(ffd, buf, sizeof buf));
    RET(write(ffd, "0", 1));
    RET(openat(dfd, "cgroup.procs", O_RDONLY));
    close(dfd);
    close(ffd);

    RET(rmdir(cg_path("ct_mkdir/x2")));
    RET(rmdir(a));
    RET(rmdir(cg_path("ct_mkdir2")));
    RET(rmdir(cg_root));
    cg_teardown();
    return 0;
}
