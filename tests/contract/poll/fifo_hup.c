// SPDX-License-Identifier: MIT
// A FIFO opened O_RDONLY|O_NONBLOCK before any writer does not report POLLHUP (nor EOF readiness) until a writer has
// opened and closed; a blocking reader's open then sees HUP after its writer leaves.
#include "contract.h"
#include <poll.h>

static void show(const char *what, int fd)
{
    struct pollfd p = {fd, POLLIN, 0};
    int n = poll(&p, 1, 0);
    say("%s: n=%d in=%d hup=%d\n", what, n, !!(p.revents & POLLIN), !!(p.revents & POLLHUP));
}

int main(void)
{
    mkfifo("ff", 0600);
    int r = open("ff", O_RDONLY | O_NONBLOCK);
    show("no writer yet", r);
    char c;
    RET(read(r, &c, 1));
    int w = open("ff", O_WRONLY | O_NONBLOCK);
    show("writer open", r);
    write(w, "z", 1);
    show("data", r);
    close(w);
    show("writer gone with data", r);
    RET(read(r, &c, 1));
    show("writer gone, drained", r);
    close(r);
    int rw = open("ff", O_RDWR | O_NONBLOCK);
    show("O_RDWR", rw);
    struct pollfd p = {rw, POLLOUT, 0};
    RET(poll(&p, 1, 0));
    close(rw);
    return 0;
}
