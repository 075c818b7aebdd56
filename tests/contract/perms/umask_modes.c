// SPDX-License-Identifier: MIT
// umask: returned old value, masking of open/mkdir/mkfifo/mknod modes, umask is per process (not inherited back).
#include "contract.h"

static void show(const char *p) { struct stat st; stat(p, &st); say("%s: %o\n", p, st.st_mode & 07777); }

int main(void)
{
    say("initial: %o\n", umask(077));
    say("previous: %o\n", umask(0777 | 01000));
    say("stored: %o\n", umask(022));
    umask(0);
    ct_write_file("f0", "", 0777);
    umask(0123);
    ct_write_file("f1", "", 0777);
    mkdir("d1", 0777);
    mkfifo("p1", 0666);
    mknod("n1", S_IFREG | 0777, 0);
    symlink("f1", "s1");
    show("f0");
    show("f1");
    show("d1");
    show("p1");
    show("n1");
    struct stat st;
    lstat("s1", &st);
    say("symlink: %o\n", st.st_mode & 07777);
    pid_t pid = fork();
    if (pid == 0) { umask(0); _exit(0); }
    ct_wait(pid);
    say("after child: %o\n", umask(0));
    return 0;
}
