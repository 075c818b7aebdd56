// SPDX-License-Identifier: MIT
// read(2) on inotify: record layout and name padding, short buffers, merging, FIONREAD,
// non-blocking and blocking reads.
#include "ino_show.h"
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>

int main(void)
{
    int fd = inotify_init1(IN_NONBLOCK);
    mkdir("d", 0755);
    ino_watch(fd, "d", IN_CREATE | IN_MODIFY | IN_ACCESS, "d");
    char buf[512] __attribute__((aligned(8)));
    int avail = -1;
    RET(ioctl(fd, FIONREAD, &avail));
    say("fionread empty: %d\n", avail);
    RET(read(fd, buf, sizeof buf));

    const char *names[] = {"a", "fifteen_chars_x", "sixteen_chars_xy", "abcdefghijklmnopqrstuvwxyz0123456789"};
    for (int i = 0; i < 4; i++) {
        char p[64];
        snprintf(p, sizeof p, "d/%s", names[i]);
        close(open(p, O_CREAT | O_WRONLY, 0644));
    }
    RET(ioctl(fd, FIONREAD, &avail));
    say("fionread: %d\n", avail);
    RET(read(fd, buf, sizeof(struct inotify_event)));
    RET(read(fd, buf, sizeof(struct inotify_event) + 15));
    RET(read(fd, buf, 0));
    ssize_t n = read(fd, buf, sizeof(struct inotify_event) + 16);
    say("exact fit: %zd\n", n);
    struct inotify_event *e = (struct inotify_event *)buf;
    say("len %u name %s\n", e->len, e->name);
    n = read(fd, buf, sizeof(struct inotify_event) + 16 + 10);
    say("one of two fits: %zd\n", n);
    for (int k = 0; k < 2; k++) {
        n = read(fd, buf, sizeof buf);
        say("rest: %zd\n", n);
        for (ssize_t off = 0; off < n;) {
            e = (struct inotify_event *)(buf + off);
            int zero_pad = 1;
            size_t nl = strlen(e->name);
            for (size_t i = nl; i < e->len; i++) zero_pad &= e->name[i] == 0;
            say("  len %u namelen %zu zero padded %s\n", e->len, nl, zero_pad ? "yes" : "no");
            off += sizeof *e + e->len;
        }
        if (n <= 0) break;
    }

    // Identical consecutive events merge; interleaved ones do not.
    int f = open("d/a", O_RDWR);
    (void)!write(f, "1", 1);
    (void)!write(f, "2", 1);
    (void)!write(f, "3", 1);
    ino_drain(fd, "three writes");
    (void)!write(f, "1", 1);
    (void)!pread(f, buf, 1, 0);
    (void)!write(f, "2", 1);
    ino_drain(fd, "write read write");
    ino_watch(fd, "d/a", IN_MODIFY, "a");
    (void)!write(f, "3", 1);
    (void)!write(f, "4", 1);
    ino_drain(fd, "two watches");

    // A blocking read waits for the event another process makes.
    int fb = inotify_init();
    ino_watch(fb, "d", IN_CREATE, "blocking");
    int sync[2];
    (void)!pipe(sync);
    pid_t c = fork();
    if (c == 0) {
        ct_sync_wait(sync);
        close(open("d/late", O_CREAT | O_WRONLY, 0644));
        _exit(0);
    }
    ct_sync_post(sync);
    n = read(fb, buf, sizeof buf);
    say("blocking read: %zd %s\n", n, n > 0 ? ((struct inotify_event *)buf)->name : "");
    say("child: %s\n", ct_wait(c));
    return 0;
}
