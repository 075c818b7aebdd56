// SPDX-License-Identifier: MIT
// RLIMIT_FSIZE: writes are cut at the limit, then SIGXFSZ (default kills) or EFBIG when it is ignored.
#include "contract.h"
#include <sys/resource.h>

int main(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        struct rlimit rl = {1000, 1000};
        setrlimit(RLIMIT_FSIZE, &rl);
        signal(SIGXFSZ, SIG_IGN);
        int fd = open("f", O_WRONLY | O_CREAT | O_TRUNC, 0644);
        static char buf[1500];
        RET(write(fd, buf, 1500));
        RET(write(fd, buf, 10));
        RET(ftruncate(fd, 2000));
        RET(pwrite(fd, buf, 10, 995));
        RET(truncate("f", 500));
        _exit(0);
    }
    say("ignored: %s\n", ct_wait(pid));
    pid = fork();
    if (pid == 0) {
        struct rlimit rl = {100, 100};
        setrlimit(RLIMIT_FSIZE, &rl);
        int fd = open("g", O_WRONLY | O_CREAT | O_TRUNC, 0644);
        static char buf[200];
        write(fd, buf, 100);
        write(fd, buf, 1);
        _exit(0);
    }
    say("default: %s\n", ct_wait(pid));
    struct stat st;
    stat("g", &st);
    say("g size: %lld\n", (long long)st.st_size);
    return 0;
}
