// SPDX-License-Identifier: MIT
// F_SETLKW blocks until the holder unlocks; two processes waiting on each other get EDEADLK.
#include "contract.h"

static struct flock lk(short type, off_t s, off_t l) { struct flock f = {.l_type = type, .l_whence = SEEK_SET, .l_start = s, .l_len = l}; return f; }

int main(void)
{
    ct_write_file("f", "0123456789", 0644);
    int fd = open("f", O_RDWR);
    struct flock f = lk(F_WRLCK, 0, 1);
    fcntl(fd, F_SETLK, &f);
    int p[2];
    pipe(p);
    pid_t pid = fork();
    if (pid == 0) {
        int c = open("f", O_RDWR);
        struct flock g = lk(F_WRLCK, 5, 1);
        fcntl(c, F_SETLK, &g);
        write(p[1], "a", 1);
        g = lk(F_WRLCK, 0, 1);
        int r = fcntl(c, F_SETLKW, &g);
        write(p[1], r == 0 ? "G" : "E", 1);
        _exit(0);
    }
    char ch;
    read(p[0], &ch, 1);
    ct_wait_blocked(pid);
    f = lk(F_WRLCK, 5, 1);
    RET(fcntl(fd, F_SETLKW, &f));
    f = lk(F_UNLCK, 0, 1);
    RET(fcntl(fd, F_SETLK, &f));
    read(p[0], &ch, 1);
    say("waiter got the lock after unlock: %c\n", ch);
    say("child: %s\n", ct_wait(pid));
    return 0;
}
