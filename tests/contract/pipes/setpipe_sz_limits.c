// SPDX-License-Identifier: MIT
// F_SETPIPE_SZ limits: EPERM above /proc/sys/fs/pipe-max-size for an unprivileged user (shrinking and staying put
// are allowed), root may go above it, EBUSY when shrinking below the buffers in use, the size survives on the
// other end and after data moves.
#include "contract.h"

int main(void)
{
    int p[2];
    pipe(p);
    RET(fcntl(p[1], F_SETPIPE_SZ, 2 * 1024 * 1024));
    RET(fcntl(p[0], F_GETPIPE_SZ));
    static char buf[3 * 4096];
    RET(write(p[1], buf, sizeof buf));
    RET(fcntl(p[1], F_SETPIPE_SZ, 8192));
    RET(fcntl(p[1], F_SETPIPE_SZ, 16384));
    RET(read(p[0], buf, sizeof buf));
    RET(fcntl(p[1], F_SETPIPE_SZ, 4096));
    // The unprivileged child reports its four results through a pipe.
    int rep[2];
    pipe(rep);
    pid_t pid = fork();
    if (pid == 0) {
        ct_become_user();
        int q[2];
        pipe(q);
        long res[4];
        res[0] = fcntl(q[1], F_SETPIPE_SZ, 1024 * 1024) < 0 ? -errno : 0;
        res[1] = fcntl(q[1], F_SETPIPE_SZ, 1024 * 1024 + 1) < 0 ? -errno : 0;
        res[2] = fcntl(q[1], F_SETPIPE_SZ, 4096) < 0 ? -errno : 0;
        res[3] = fcntl(q[0], F_GETPIPE_SZ);
        write(rep[1], res, sizeof res);
        _exit(0);
    }
    long res[4] = {0};
    ct_read_full(rep[0], res, sizeof res);
    say("user: 1 MiB: %s, above: %s, shrink: %s, size now: %ld\n", ct_errname((int)-res[0]), ct_errname((int)-res[1]),
        ct_errname((int)-res[2]), res[3]);
    say("child: %s\n", ct_wait(pid));
    return 0;
}
