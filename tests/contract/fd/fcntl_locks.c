// SPDX-License-Identifier: MIT
// POSIX record locks: F_SETLK conflicts between processes, F_GETLK reports the holder's range, unlock on close.
#include "contract.h"

static struct flock lk(short type, off_t start, off_t len) { struct flock f = {.l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len}; return f; }

int main(void)
{
    int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
    write(fd, "0123456789", 10);
    struct flock f = lk(F_WRLCK, 0, 5);
    RET(fcntl(fd, F_SETLK, &f));
    int go[2], done[2];
    pipe(go);
    pipe(done);
    pid_t pid = fork();
    if (pid == 0) {
        int c = open("f", O_RDWR);
        struct flock g = lk(F_WRLCK, 2, 2);
        RET(fcntl(c, F_SETLK, &g));
        g = lk(F_WRLCK, 5, 5);
        RET(fcntl(c, F_SETLK, &g));
        g = lk(F_RDLCK, 0, 0);
        RET(fcntl(c, F_GETLK, &g));
        say("getlk: type=%s start=%ld len=%ld pid_is_parent=%d\n", g.l_type == F_WRLCK ? "WR" : g.l_type == F_UNLCK ? "UN" : "RD",
            (long)g.l_start, (long)g.l_len, g.l_pid == getppid());
        ct_sync_post(done);
        ct_sync_wait(go);
        g = lk(F_WRLCK, 0, 5);
        RET(fcntl(c, F_SETLK, &g));
        _exit(0);
    }
    ct_sync_wait(done);
    close(fd);
    ct_sync_post(go);
    say("child: %s\n", ct_wait(pid));
    fd = open("f", O_RDWR);
    f = lk(F_RDLCK, 0, 0);
    RET(fcntl(fd, F_GETLK, &f));
    say("own lock visible to self: %s\n", f.l_type == F_UNLCK ? "no" : "yes");
    f = lk(99, 0, 0);
    RET(fcntl(fd, F_SETLK, &f));
    int ro = open("f", O_RDONLY);
    f = lk(F_WRLCK, 0, 1);
    RET(fcntl(ro, F_SETLK, &f));
    f = lk(F_RDLCK, -5, 1);
    RET(fcntl(fd, F_SETLK, &f));
    return 0;
}
