// SPDX-License-Identifier: MIT
// Waiting lock requests and signals: F_SETLKW and a blocking flock end with EINTR when a handler without
// SA_RESTART runs; a lock held by a process that exits is released; OFD and flock locks go with the last
// descriptor of their open file description.
#include "contract.h"
#include <sys/file.h>
#include <sys/time.h>

static void on_alarm(int sig) { (void)sig; }

static void arm(void)
{
    struct sigaction sa = {0};
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval it = {{0, 0}, {0, 200000}};
    setitimer(ITIMER_REAL, &it, NULL);
}

int main(void)
{
    ct_write_file("f", "0123456789", 0644);
    int go[2], ready[2];
    pipe(go);
    pipe(ready);
    pid_t pid = fork();
    if (pid == 0) {
        int c = open("f", O_RDWR);
        struct flock f = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0};
        fcntl(c, F_SETLK, &f);
        flock(c, LOCK_EX);
        ct_sync_post(ready);
        ct_sync_wait(go);
        _exit(0);
    }
    ct_sync_wait(ready);
    int fd = open("f", O_RDWR);
    struct flock f = {.l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 2, .l_len = 1};
    arm();
    RET(fcntl(fd, F_SETLKW, &f));
    arm();
    RET(flock(fd, LOCK_SH));
    RET(flock(fd, LOCK_SH | LOCK_NB));
    ct_sync_post(go);
    say("child: %s\n", ct_wait(pid));
    RET(fcntl(fd, F_SETLK, &f));
    RET(flock(fd, LOCK_EX | LOCK_NB));
    return 0;
}
