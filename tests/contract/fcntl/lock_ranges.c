// SPDX-License-Identifier: MIT
// POSIX record lock ranges as another process sees them: SEEK_CUR/SEEK_END bases, negative lengths, merging
// of adjacent locks, splitting by a different type, unlocking a middle part, EOVERFLOW/EINVAL arguments, and
// release when the owner closes any descriptor of the file.
#include "contract.h"

static int probe_fd;

static void probe(const char *label, short type, off_t start, off_t len)
{
    struct flock f = {.l_type = type, .l_whence = SEEK_SET, .l_start = start, .l_len = len};
    if (fcntl(probe_fd, F_GETLK, &f) < 0) { say("%s: %s\n", label, ct_errname(errno)); return; }
    if (f.l_type == F_UNLCK) say("%s: free\n", label);
    else say("%s: %s start=%ld len=%ld\n", label, f.l_type == F_WRLCK ? "WR" : "RD", (long)f.l_start, (long)f.l_len);
}

// Runs the probes in a child (locks of our own never conflict with us).
static void look(const char *what)
{
    say("-- %s\n", what);
    pid_t pid = fork();
    if (pid == 0) {
        probe_fd = open("f", O_RDWR);
        probe("write at 0", F_WRLCK, 0, 1);
        probe("write at 4", F_WRLCK, 4, 1);
        probe("read at 4", F_RDLCK, 4, 1);
        probe("write at 12", F_WRLCK, 12, 1);
        probe("write at 100", F_WRLCK, 100, 1);
        probe("write 20..end", F_WRLCK, 20, 0);
        _exit(0);
    }
    ct_wait(pid);
}

static long setlk(int fd, short type, short whence, off_t start, off_t len)
{
    struct flock f = {.l_type = type, .l_whence = whence, .l_start = start, .l_len = len};
    return fcntl(fd, F_SETLK, &f);
}

int main(void)
{
    int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
    write(fd, "0123456789", 10);
    RET(setlk(fd, F_WRLCK, SEEK_SET, 0, 4));
    RET(setlk(fd, F_WRLCK, SEEK_SET, 4, 4));
    look("adjacent write locks merge");
    RET(setlk(fd, F_RDLCK, SEEK_SET, 3, 2));
    look("a read lock splits the write lock");
    lseek(fd, 6, SEEK_SET);
    RET(setlk(fd, F_UNLCK, SEEK_CUR, -6, 0));
    look("SEEK_CUR -6 to the end unlocked");
    RET(setlk(fd, F_WRLCK, SEEK_END, 2, 1));
    RET(setlk(fd, F_RDLCK, SEEK_SET, 5, -5));
    look("SEEK_END+2 and a negative length");
    RET(setlk(fd, F_WRLCK, SEEK_SET, 90, 0));
    RET(setlk(fd, F_UNLCK, SEEK_SET, 95, 10));
    look("to-EOF lock with a hole");
    RET(setlk(fd, F_WRLCK, SEEK_SET, 0x7fffffffffffffffLL, 2));
    RET(setlk(fd, F_WRLCK, SEEK_SET, -1, 1));
    RET(setlk(fd, F_WRLCK, SEEK_SET, 3, -4));
    RET(setlk(fd, F_WRLCK, 3, 0, 1));
    struct flock g = {.l_type = F_UNLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 1};
    RET(fcntl(fd, F_GETLK, &g));
    RET(fcntl(fd, F_GETLK, (void *)8));
    int other = open("f", O_RDONLY);
    RET(close(other));
    look("closing another descriptor of the file drops every lock");
    RET(setlk(fd, F_WRLCK, SEEK_SET, 0, 0));
    int d = dup(fd);
    RET(dup2(open("/dev/null", O_RDONLY), d));
    look("dup2 over a descriptor of the file drops them too");
    return 0;
}
