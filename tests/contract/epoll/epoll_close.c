// SPDX-License-Identifier: MIT
// Items are keyed by (file description, fd number) and leave when the description's last
// reference goes: closing a dup'd number keeps the item (still reported under the old number's
// registration), closing the last one removes it; the same description under two numbers is two
// items. Also /proc/self/fd and fdinfo of an epoll descriptor.
#include "contract.h"
#include <sys/epoll.h>
#include <sys/eventfd.h>

static int count_tfd(int ep)
{
    char path[64], buf[4096];
    snprintf(path, sizeof path, "/proc/self/fdinfo/%d", ep);
    ssize_t n = ct_read_file(path, buf, sizeof buf);
    if (n < 0) return -1;
    buf[n] = 0;
    int c = 0;
    for (char *s = buf; (s = strstr(s, "tfd:")); s++) c++;
    return c;
}

int main(void)
{
    int ep = epoll_create1(0);
    int efd = eventfd(1, 0);
    int d = dup(efd);
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 1}, out[4];
    RET(epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev));
    ev.data.u64 = 2;
    RET(epoll_ctl(ep, EPOLL_CTL_ADD, d, &ev));
    say("items %d\n", count_tfd(ep));
    RET(epoll_wait(ep, out, 4, 0));
    close(efd);
    say("items after closing one number %d\n", count_tfd(ep));
    int n = epoll_wait(ep, out, 4, 0);
    say("n=%d tags %llu %llu\n", n, (unsigned long long)out[0].data.u64, n > 1 ? (unsigned long long)out[1].data.u64 : 0ull);
    RET(epoll_ctl(ep, EPOLL_CTL_DEL, efd, NULL));   // the number is closed: EBADF
    int e2 = eventfd(0, 0);                          // takes efd's number
    FACT("number reused", e2 == efd);
    RET(epoll_ctl(ep, EPOLL_CTL_DEL, e2, NULL));    // a different description: ENOENT
    close(d);
    say("items after closing the last %d\n", count_tfd(ep));
    RET(epoll_wait(ep, out, 4, 0));

    // A forked child shares the description: its close does not remove the item.
    int p[2];
    pipe(p);
    ev.data.u64 = 3;
    epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]);
        write(p[1], "x", 1);
        _exit(0);
    }
    say("child %s\n", ct_wait(pid));
    RET(epoll_wait(ep, out, 4, 0));
    say("items %d\n", count_tfd(ep));

    // fdinfo and the link.
    char path[64], link[64] = {0}, buf[4096];
    snprintf(path, sizeof path, "/proc/self/fd/%d", ep);
    readlink(path, link, sizeof link - 1);
    say("link %s\n", link);
    int ep2 = epoll_create1(EPOLL_CLOEXEC);
    ev.events = EPOLLIN | EPOLLET | EPOLLWAKEUP;   // root keeps EPOLLWAKEUP
    ev.data.u64 = 0x1122334455667788ull;
    epoll_ctl(ep2, EPOLL_CTL_ADD, p[0], &ev);
    snprintf(path, sizeof path, "/proc/self/fdinfo/%d", ep2);
    ssize_t len = ct_read_file(path, buf, sizeof buf);
    buf[len > 0 ? len : 0] = 0;
    // Print all but the inode number and device of the watched pipe.
    for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
        char *ino = strstr(line, " ino:");
        if (ino) *ino = 0;
        if (strncmp(line, "mnt_id:", 7) && strncmp(line, "ino:", 4)) say("fdinfo: %s\n", line);
    }
    struct stat st;
    fstat(ep, &st);
    say("mode %o\n", st.st_mode);
    return 0;
}
