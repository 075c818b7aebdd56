// SPDX-License-Identifier: MIT
// inotify_init and inotify_init1: flags, descriptor properties, what the descriptor refuses.
#include "contract.h"
#include <fcntl.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/syscall.h>

int main(void)
{
    int a = inotify_init();
    FACT("init ok", a >= 0);
    RET(fcntl(a, F_GETFD));
    RET(fcntl(a, F_GETFL) & (O_ACCMODE | O_NONBLOCK));
    int b = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
    RET(fcntl(b, F_GETFD));
    FACT("nonblock", fcntl(b, F_GETFL) & O_NONBLOCK);
    RET(inotify_init1(1));
    RET(inotify_init1(IN_CLOEXEC << 1));
    RET(syscall(SYS_inotify_init1, 0x8000000));

    char buf[64];
    RET(read(b, buf, sizeof buf));
    RET(write(b, "x", 1));
    RET(lseek(b, 0, SEEK_SET));
    struct stat st;
    RET(fstat(b, &st));
    say("mode: %o\n", st.st_mode);
    char link[64] = "";
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", b);
    ssize_t n = readlink(path, link, sizeof link - 1);
    if (n > 0) link[n] = 0;
    say("link: %s\n", link);
    RET(close(a));
    RET(close(b));
    return 0;
}
