// SPDX-License-Identifier: MIT
// Executing a watched program: open, access for the loader's reads, and close when the
// process is done with it.
#include "ino_show.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>

int main(void)
{
    int in = open("/bin/busybox", O_RDONLY);
    int out = open("bb", O_CREAT | O_WRONLY, 0755);
    char buf[65536];
    ssize_t n;
    while ((n = read(in, buf, sizeof buf)) > 0) ct_write_full(out, buf, n);
    close(in);
    close(out);
    int fd = inotify_init1(IN_NONBLOCK);
    ino_watch(fd, "bb", IN_ALL_EVENTS, "bb");
    pid_t c = fork();
    if (c == 0) {
        execl("./bb", "true", (char *)NULL);
        _exit(127);
    }
    say("child: %s\n", ct_wait(c));
    ino_drain(fd, "exec");
    return 0;
}
