// SPDX-License-Identifier: MIT
// utimensat/futimens: explicit times read back exactly, UTIME_OMIT/UTIME_NOW, nanoseconds, errors.
#include "contract.h"
#include <sys/time.h>
#include <utime.h>

static void show(const char *p)
{
    struct stat st;
    lstat(p, &st);
    say("%s: atime=%lld.%09ld mtime=%lld.%09ld\n", p, (long long)st.st_atim.tv_sec, st.st_atim.tv_nsec,
        (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

int main(void)
{
    ct_write_file("f", "x", 0644);
    struct timespec ts[2] = {{1000000000, 123456789}, {1500000000, 987654321}};
    RET(utimensat(AT_FDCWD, "f", ts, 0));
    show("f");
    struct timespec omit[2] = {{5, UTIME_OMIT}, {2000000000, 0}};
    RET(utimensat(AT_FDCWD, "f", omit, 0));
    show("f");
    struct timespec bad[2] = {{0, 1000000000}, {0, 0}};
    RET(utimensat(AT_FDCWD, "f", bad, 0));
    struct timespec neg[2] = {{-1, 0}, {0, -5}};
    RET(utimensat(AT_FDCWD, "f", neg, 0));
    symlink("f", "l");
    struct timespec lt[2] = {{111, 0}, {222, 0}};
    RET(utimensat(AT_FDCWD, "l", lt, AT_SYMLINK_NOFOLLOW));
    show("l");
    show("f");
    int fd = open("f", O_RDONLY);
    struct timespec ft[2] = {{333, 1}, {444, 2}};
    RET(futimens(fd, ft));
    show("f");
    struct utimbuf ub = {555, 666};
    RET(utime("f", &ub));
    show("f");
    struct timeval tv[2] = {{777, 5}, {888, 6}};
    RET(utimes("f", tv));
    show("f");
    struct timespec now[2] = {{0, UTIME_NOW}, {0, UTIME_NOW}};
    RET(utimensat(AT_FDCWD, "f", now, 0));
    struct stat st;
    stat("f", &st);
    FACT("now is after 2020", st.st_mtime > 1577836800);
    RET(utimensat(AT_FDCWD, "nope", ts, 0));
    RET(utimensat(AT_FDCWD, "f", ts, 0x4000));
    return 0;
}
