// SPDX-License-Identifier: MIT
// RLIMIT_NOFILE: EMFILE once the limit is reached, dup2/F_DUPFD beyond the limit (EBADF/EINVAL), pipe EMFILE.
#include "contract.h"
#include <sys/resource.h>

int main(void)
{
    struct rlimit rl = {16, 16};
    RET(setrlimit(RLIMIT_NOFILE, &rl));
    int last = -1, fd;
    while ((fd = open("/dev/null", O_RDONLY)) >= 0) last = fd;
    say("last fd: %d error: %s\n", last, ct_errname(errno));
    RET(dup(0));
    int p[2];
    RET(pipe(p));
    close(last);
    RET(pipe(p));
    RET(dup2(0, 16));
    RET(dup2(0, 15));
    RET(fcntl(0, F_DUPFD, 16));
    RET(fcntl(0, F_DUPFD, 10));
    close(3);
    RET(fcntl(0, F_DUPFD, 0));
    rl.rlim_cur = 4;
    RET(setrlimit(RLIMIT_NOFILE, &rl));
    RET(fcntl(15, F_GETFD));
    RET(dup(15));
    return 0;
}
