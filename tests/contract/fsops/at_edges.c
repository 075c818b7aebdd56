// SPDX-License-Identifier: MIT
// Edge cases of the *at calls: which error wins (bad flags vs bad names), AT_EMPTY_PATH on non-directories
// and pipes, readlinkat on an O_PATH symlink descriptor, utimensat's descriptor form, mknod type checks,
// faccessat2 flags, unlinkat flags, linkat through AT_EMPTY_PATH.
#include "contract.h"
#include <sys/syscall.h>

#ifndef AT_EACCESS
#define AT_EACCESS 0x200
#endif
#ifndef SYS_faccessat2
#define SYS_faccessat2 439
#endif

// Raw system calls: libc wrappers differ (musl rewrites readlinkat's size 0, some route fstatat elsewhere).
#define fstatat(d, p, s, f) syscall(SYS_newfstatat, d, p, s, f)
#define readlinkat(d, p, b, n) syscall(SYS_readlinkat, d, p, b, n)
#define renameat2(a, b, c, d, f) syscall(SYS_renameat2, a, b, c, d, f)

int main(void)
{
    struct stat st;
    ct_write_file("f", "hello", 0644);
    symlink("f", "l");
    mkdir("d", 0755);
    RET(fstatat(AT_FDCWD, "f", &st, 0x4000000));
    RET(fstatat(AT_FDCWD, "", &st, 0x4000000));
    RET(fstatat(AT_FDCWD, "", &st, AT_EMPTY_PATH));
    say("cwd is a dir: %d\n", S_ISDIR(st.st_mode));
    int p[2];
    pipe(p);
    RET(fstatat(p[0], "", &st, AT_EMPTY_PATH));
    say("pipe is a fifo: %d\n", S_ISFIFO(st.st_mode));
    int fd = open("f", O_RDONLY);
    RET(fstatat(fd, "x", &st, 0));
    RET(fstatat(fd, "/tmp/t/f", &st, 0));
    RET(fstatat(fd, "", &st, AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW));
    say("size via fd: %ld\n", (long)st.st_size);
    RET(fstatat(-5, "f", &st, 0));
    RET(fstatat(-5, "", &st, AT_EMPTY_PATH));

    char buf[16] = {0};
    int lp = open("l", O_PATH | O_NOFOLLOW);
    RET(readlinkat(lp, "", buf, sizeof buf));
    say("link body: %s\n", buf);
    RET(readlinkat(fd, "", buf, sizeof buf));
    RET(readlinkat(AT_FDCWD, "", buf, sizeof buf));
    RET(readlinkat(AT_FDCWD, "l", buf, 0));
    RET(readlinkat(AT_FDCWD, "f", buf, sizeof buf));
    RET(readlinkat(AT_FDCWD, "l", buf, -1));
    RET(readlinkat(AT_FDCWD, "l", (char *)8, 4));
    RET(readlinkat(AT_FDCWD, "l", buf, 1));
    say("truncated: %c\n", buf[0]);

    struct timespec ts[2] = {{1000, 0}, {2000, 500}};
    RET(syscall(SYS_utimensat, fd, NULL, ts, 0));
    RET(syscall(SYS_utimensat, fd, NULL, ts, AT_SYMLINK_NOFOLLOW));
    RET(syscall(SYS_utimensat, AT_FDCWD, NULL, ts, 0));
    int w = open("f", O_WRONLY);
    RET(syscall(SYS_utimensat, w, NULL, ts, 0));
    stat("f", &st);
    say("mtime: %ld.%ld\n", (long)st.st_mtime, (long)st.st_mtim.tv_nsec);
    struct timespec omit[2] = {{0, UTIME_OMIT}, {0, UTIME_OMIT}};
    RET(utimensat(AT_FDCWD, "nope", omit, 0));
    RET(utimensat(AT_FDCWD, "f", ts, 0x1000));
    struct timespec badns[2] = {{0, 1000000000}, {0, 0}};
    RET(utimensat(AT_FDCWD, "f", badns, 0));
    RET(utimensat(AT_FDCWD, "nope", badns, 0));
    int opath = open("f", O_PATH);
    RET(syscall(SYS_utimensat, opath, NULL, ts, 0));
    RET(utimensat(opath, "", ts, AT_EMPTY_PATH));

    RET(mknod("dir", S_IFDIR | 0755, 0));
    RET(mknod("weird", 0170000 | 0644, 0));
    RET(mknod("/nonexistent/dir/x", S_IFDIR | 0755, 0));
    RET(mknod("plain", 0644, 0));
    stat("plain", &st);
    say("plain is regular: %d mode %o\n", S_ISREG(st.st_mode), st.st_mode & 07777);
    RET(mknod("fifo", S_IFIFO | 0666, 12345));
    stat("fifo", &st);
    say("fifo mode %o rdev %ld\n", st.st_mode & 07777, (long)st.st_rdev);

    RET(syscall(SYS_faccessat2, AT_FDCWD, "f", R_OK, AT_EACCESS));
    RET(syscall(SYS_faccessat2, AT_FDCWD, "f", R_OK, 0x1));
    RET(syscall(SYS_faccessat2, AT_FDCWD, "f", 8, 0));
    RET(syscall(SYS_faccessat2, AT_FDCWD, "l", F_OK, AT_SYMLINK_NOFOLLOW));
    RET(syscall(SYS_faccessat2, fd, "", R_OK, AT_EMPTY_PATH));
    RET(syscall(SYS_faccessat2, fd, "", R_OK, 0));

    RET(unlinkat(AT_FDCWD, "d", 0x1));
    RET(unlinkat(AT_FDCWD, "d", 0));
    RET(unlinkat(AT_FDCWD, "f", AT_REMOVEDIR));
    RET(unlinkat(AT_FDCWD, "d", AT_REMOVEDIR));
    RET(linkat(AT_FDCWD, "f", AT_FDCWD, "f2", 0x1));
    RET(linkat(fd, "", AT_FDCWD, "via-fd", AT_EMPTY_PATH));
    fstat(fd, &st);
    say("nlink after linkat(AT_EMPTY_PATH): %ld\n", (long)st.st_nlink);
    RET(linkat(fd, "", AT_FDCWD, "via-fd2", 0));
    RET(linkat(AT_FDCWD, "nope", AT_FDCWD, "", 0));
    RET(linkat(AT_FDCWD, "f", AT_FDCWD, (char *)8, 0));
    RET(renameat2(AT_FDCWD, "nope", AT_FDCWD, "", 0));
    RET(renameat2(AT_FDCWD, "f", AT_FDCWD, "", 0));
    RET(renameat2(AT_FDCWD, "", AT_FDCWD, "x", 0x80));
    RET(symlink("", "s"));
    RET(symlink("", (char *)8));
    RET(fchownat(AT_FDCWD, "f", -1, -1, 0x1));
    RET(fchownat(fd, "", -1, -1, AT_EMPTY_PATH));
    return 0;
}
