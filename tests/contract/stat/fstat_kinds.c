// SPDX-License-Identifier: MIT
// fstat on pipes, /dev/null, directories, unlinked files; fstatat flags; stat of bad pointers.
#include "contract.h"
#include <sys/syscall.h>

int main(void)
{
    struct stat st;
    int p[2];
    pipe(p);
    RET(fstat(p[0], &st));
    say("pipe: fifo=%d perm=%o size=%lld\n", S_ISFIFO(st.st_mode), st.st_mode & 0777, (long long)st.st_size);
    write(p[1], "abc", 3);
    fstat(p[0], &st);
    say("pipe with data: size=%lld\n", (long long)st.st_size);
    struct stat a, b;
    fstat(p[0], &a);
    fstat(p[1], &b);
    FACT("both ends same inode", a.st_ino == b.st_ino && a.st_dev == b.st_dev);
    ct_write_file("f", "abc", 0644);
    symlink("f", "l");
    RET(fstatat(AT_FDCWD, "l", &st, AT_SYMLINK_NOFOLLOW));
    say("nofollow is link: %d\n", S_ISLNK(st.st_mode));
    RET(fstatat(AT_FDCWD, "l", &st, 0));
    say("follow is reg: %d\n", S_ISREG(st.st_mode));
    RET(fstatat(AT_FDCWD, "l", &st, 0x4000000));
    RET(fstatat(AT_FDCWD, "", &st, 0));
    int fd = open("f", O_RDONLY);
    RET(fstatat(fd, "", &st, AT_EMPTY_PATH));
    say("empty path size: %lld\n", (long long)st.st_size);
    RET(syscall(SYS_stat, "f", (struct stat *)8));
    RET(syscall(SYS_fstat, fd, NULL));
    RET(fstat(-1, &st));
    unlink("f");
    fstat(fd, &st);
    say("unlinked: nlink=%ld size=%lld\n", (long)st.st_nlink, (long long)st.st_size);
    struct stat s1, s2;
    ct_write_file("g", "", 0644);
    link("g", "h");
    stat("g", &s1);
    stat("h", &s2);
    FACT("hard links share inode", s1.st_ino == s2.st_ino);
    stat(".", &s1);
    stat("..", &s2);
    FACT("cwd and parent differ", s1.st_ino != s2.st_ino);
    stat("/", &s1);
    stat("/..", &s2);
    FACT("/.. is /", s1.st_ino == s2.st_ino && s1.st_dev == s2.st_dev);
    return 0;
}
