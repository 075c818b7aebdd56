// SPDX-License-Identifier: MIT
// /proc/self/fd/N links are magic: opening one reopens the object itself, so an unnamed pipe or a
// deleted file can be opened again (bash's process substitution and /dev/stdin rely on it).
#include "contract.h"
#include <sys/eventfd.h>

static int reopen(int fd, int flags)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    return open(path, flags);
}

int main(void)
{
    int p[2];
    pipe(p);
    write(p[1], "hello", 5);
    int r2 = reopen(p[0], O_RDONLY);
    FACT("pipe read end reopened", r2 >= 0);
    char buf[16] = {0};
    read(r2, buf, sizeof buf - 1);
    say("read through reopened end: %s\n", buf);
    int w2 = reopen(p[1], O_WRONLY);
    FACT("pipe write end reopened", w2 >= 0);
    write(w2, "world", 5);
    memset(buf, 0, sizeof buf);
    read(p[0], buf, sizeof buf - 1);
    say("read what the reopened writer wrote: %s\n", buf);
    struct stat a, b;
    fstat(p[0], &a);
    fstat(r2, &b);
    say("same pipe inode: %d\n", a.st_ino == b.st_ino);

    ct_write_file("gone", "still here", 0644);
    int fd = open("gone", O_RDONLY);
    unlink("gone");
    int fd2 = reopen(fd, O_RDONLY);
    FACT("deleted file reopened", fd2 >= 0);
    memset(buf, 0, sizeof buf);
    read(fd2, buf, sizeof buf - 1);
    say("deleted file content: %s\n", buf);

    int dfd = open("/", O_RDONLY | O_DIRECTORY);
    int dfd2 = reopen(dfd, O_RDONLY | O_DIRECTORY);
    FACT("directory reopened", dfd2 >= 0);

    int efd = eventfd(0, 0);
    errno = 0;
    int e2 = reopen(efd, O_RDWR);
    say("eventfd reopen: %s\n", e2 >= 0 ? "ok" : ct_errname(errno));
    errno = 0;
    int nf = reopen(fd, O_RDONLY | O_NOFOLLOW);
    say("O_NOFOLLOW on the link: %s\n", nf >= 0 ? "ok" : ct_errname(errno));
    errno = 0;
    int bad = reopen(999, O_RDONLY);
    say("closed descriptor: %s\n", bad >= 0 ? "ok" : ct_errname(errno));
    return 0;
}
