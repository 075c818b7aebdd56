// SPDX-License-Identifier: MIT
// Open file description locks (F_OFD_*): owned by the description, conflict between two opens in one process.
#include "contract.h"

static struct flock lk(short type, off_t s, off_t l) { struct flock f = {.l_type = type, .l_whence = SEEK_SET, .l_start = s, .l_len = l, .l_pid = 0}; return f; }

int main(void)
{
    ct_write_file("f", "0123456789", 0644);
    int a = open("f", O_RDWR), b = open("f", O_RDWR);
    struct flock f = lk(F_WRLCK, 0, 4);
    RET(fcntl(a, F_OFD_SETLK, &f));
    f = lk(F_WRLCK, 2, 2);
    RET(fcntl(b, F_OFD_SETLK, &f));
    f = lk(F_RDLCK, 0, 0);
    RET(fcntl(b, F_OFD_GETLK, &f));
    say("getlk: %s %ld+%ld pid=%d\n", f.l_type == F_WRLCK ? "WR" : f.l_type == F_UNLCK ? "UN" : "RD", (long)f.l_start, (long)f.l_len, f.l_pid);
    int c = dup(a);
    f = lk(F_WRLCK, 0, 4);
    RET(fcntl(c, F_OFD_SETLK, &f));
    close(a);
    f = lk(F_WRLCK, 0, 4);
    RET(fcntl(b, F_OFD_SETLK, &f));
    close(c);
    RET(fcntl(b, F_OFD_SETLK, &f));
    f = lk(F_WRLCK, 0, 4);
    f.l_pid = 5;
    RET(fcntl(b, F_OFD_SETLK, &f));
    struct flock posix = lk(F_WRLCK, 0, 4);
    int d = open("f", O_RDWR);
    pid_t pid = fork();
    if (pid == 0) { RET(fcntl(d, F_SETLK, &posix)); _exit(0); }
    ct_wait(pid);
    return 0;
}
