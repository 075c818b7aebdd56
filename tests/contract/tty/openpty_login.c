// SPDX-License-Identifier: MIT
// openpty/forkpty from libc: name, termios and winsize applied, the child's controlling terminal
// (tty_nr and tpgid in /proc/self/stat, /dev/tty), devpts entries and their owner and mode.
#include "contract.h"
#include <dirent.h>
#include <poll.h>
#include <pty.h>
#include <sys/ioctl.h>
#include <sys/statfs.h>
#include <termios.h>

static int has_entry(const char *dir, const char *name)
{
    DIR *d = opendir(dir);
    if (!d) return -1;
    struct dirent *e;
    int found = 0;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, name) == 0) found = 1;
    closedir(d);
    return found;
}

static ssize_t drain(int fd, char *buf, size_t cap)
{
    ssize_t total = 0;
    struct pollfd p = {fd, POLLIN, 0};
    while (total < (ssize_t)cap - 1 && poll(&p, 1, 3000) > 0) {
        ssize_t r = read(fd, buf + total, cap - 1 - total);
        if (r <= 0) break;
        total += r;
    }
    buf[total] = 0;
    return total;
}

int main(int argc, char **argv)
{
    (void)argc; (void)argv;
    int m, s;
    char name[64];
    struct termios t;
    memset(&t, 0, sizeof t);
    t.c_iflag = ICRNL;
    t.c_oflag = OPOST | ONLCR;
    t.c_cflag = CS8 | CREAD | B9600;
    t.c_lflag = ICANON | ISIG;
    t.c_cc[VINTR] = 3;
    t.c_cc[VEOF] = 4;
    t.c_cc[VMIN] = 1;
    struct winsize ws = {33, 101, 0, 0};
    RET(openpty(&m, &s, name, &t, &ws));
    say("name under /dev/pts: %d\n", strncmp(name, "/dev/pts/", 9) == 0);
    struct termios u;
    tcgetattr(s, &u);
    say("termios applied: echo=%d icanon=%d\n", !!(u.c_lflag & ECHO), !!(u.c_lflag & ICANON));
    struct winsize w2;
    ioctl(m, TIOCGWINSZ, &w2);
    say("winsize applied: %dx%d\n", w2.ws_row, w2.ws_col);
    struct stat st;
    stat(name, &st);
    say("slave node: chr %d mode %o uid==me %d major %u\n", S_ISCHR(st.st_mode), st.st_mode & 07777,
        st.st_uid == getuid(), major(st.st_rdev));
    say("in /dev/pts: %d, ptmx there: %d\n", has_entry("/dev/pts", name + 9), has_entry("/dev/pts", "ptmx"));
    struct stat px;
    RET(stat("/dev/pts/ptmx", &px));
    say("/dev/pts/ptmx: chr %d %u:%u mode %o\n", S_ISCHR(px.st_mode), major(px.st_rdev), minor(px.st_rdev), px.st_mode & 07777);
    RET(stat("/dev/ptmx", &px));
    say("/dev/ptmx: chr %d %u:%u mode %o\n", S_ISCHR(px.st_mode), major(px.st_rdev), minor(px.st_rdev), px.st_mode & 07777);
    struct statfs sf;
    statfs("/dev/pts", &sf);
    say("devpts magic: 0x%lx\n", (unsigned long)sf.f_type);
    RET(chmod(name, 0620));
    stat(name, &st);
    say("after chmod: %o\n", st.st_mode & 07777);
    RET(chown(name, 0, 5));
    stat(name, &st);
    say("after chown: gid %d\n", (int)st.st_gid);
    int m2 = open("/dev/pts/ptmx", O_RDWR | O_NOCTTY);
    say("open /dev/pts/ptmx: %s\n", m2 >= 0 ? "ok" : ct_errname(errno));
    close(s);
    close(m);
    say("entry gone after close: %d\n", has_entry("/dev/pts", name + 9) == 0);

    // forkpty: the child is a session leader with the slave as controlling terminal.
    pid_t pid = forkpty(&m, name, NULL, NULL);
    if (pid == 0) {
        char buf[512];
        ct_read_file("/proc/self/stat", buf, sizeof buf);
        char *p = strrchr(buf, ')');
        int ppid, pgrp, sess, tty_nr, tpgid;
        char state;
        sscanf(p + 2, "%c %d %d %d %d %d", &state, &ppid, &pgrp, &sess, &tty_nr, &tpgid);
        struct stat ts;
        fstat(0, &ts);
        unsigned ma = major(ts.st_rdev), mi = minor(ts.st_rdev);
        unsigned enc = (mi & 0xff) | (ma << 8) | ((mi & ~0xffu) << 12);
        char link[64];
        ssize_t ln = readlink("/proc/self/fd/0", link, sizeof link - 1);
        link[ln > 0 ? ln : 0] = 0;
        int dt = open("/dev/tty", O_RDWR);
        printf("child: sid==pid %d tty_nr matches %d tpgid==pid %d stdin link pts %d /dev/tty %s\n",
               sess == getpid(), (unsigned)tty_nr == enc, tpgid == getpid(), strncmp(link, "/dev/pts/", 9) == 0,
               dt >= 0 ? "ok" : "fail");
        printf("isatty 0 1 2: %d %d %d\n", isatty(0), isatty(1), isatty(2));
        fflush(stdout);
        _exit(3);
    }
    char out[512];
    drain(m, out, sizeof out);
    for (char *c = out; *c; c++) if (*c == '\r') *c = '|';
    say("%s", out);
    say("forkpty child: %s\n", ct_wait(pid));
    char buf[8];
    RET(read(m, buf, sizeof buf));
    close(m);

    // The parent's own /proc/self/stat has no terminal.
    char sbuf[512];
    ct_read_file("/proc/self/stat", sbuf, sizeof sbuf);
    char *p = strrchr(sbuf, ')');
    int ppid, pgrp, sess, tty_nr;
    char state;
    sscanf(p + 2, "%c %d %d %d %d", &state, &ppid, &pgrp, &sess, &tty_nr);
    say("parent tty_nr: %d\n", tty_nr);
    return 0;
}
