// SPDX-License-Identifier: MIT
// FIFOs: O_NONBLOCK open rules (ENXIO for writer without reader), O_RDWR open, data through the name.
#include "contract.h"

int main(void)
{
    RET(mkfifo("fifo", 0644));
    RET(mkfifo("fifo", 0644));
    RET(open("fifo", O_WRONLY | O_NONBLOCK));
    int r = open("fifo", O_RDONLY | O_NONBLOCK);
    say("nonblock reader: %s\n", r >= 0 ? "ok" : ct_errname(errno));
    char buf[16] = {0};
    RET(read(r, buf, 16));
    int w = open("fifo", O_WRONLY | O_NONBLOCK);
    say("nonblock writer with reader: %s\n", w >= 0 ? "ok" : ct_errname(errno));
    RET(write(w, "abc", 3));
    RET(read(r, buf, 16));
    say("got: %s\n", buf);
    close(w);
    RET(read(r, buf, 16));
    close(r);
    int rw = open("fifo", O_RDWR);
    RET(write(rw, "xy", 2));
    memset(buf, 0, sizeof buf);
    RET(read(rw, buf, 16));
    say("got: %s\n", buf);
    struct stat st;
    fstat(rw, &st);
    say("fifo: %d\n", S_ISFIFO(st.st_mode));
    RET(lseek(rw, 0, SEEK_SET));
    close(rw);
    pid_t pid = fork();
    if (pid == 0) {
        int fd = open("fifo", O_WRONLY);
        write(fd, "from child", 10);
        _exit(0);
    }
    int fd = open("fifo", O_RDONLY);
    memset(buf, 0, sizeof buf);
    RET(ct_read_full(fd, buf, 10));
    say("got: %s\n", buf);
    RET(read(fd, buf, 1));
    say("child: %s\n", ct_wait(pid));
    return 0;
}
