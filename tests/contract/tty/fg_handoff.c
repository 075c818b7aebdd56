// SPDX-License-Identifier: MIT
// A shell under a pty: the session leader hands the terminal to a job's process group and takes it
// back, ^Z stops the foreground job, a job continued in the background gets SIGTTIN on read, and
// closing the master hangs up the shell (SIGHUP).
#include "contract.h"
#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>

static int rep[2];   // shell -> test: report lines

static void report(const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    write(rep[1], buf, n);
}

static int tpgid_of_self(void)
{
    char buf[512];
    ct_read_file("/proc/self/stat", buf, sizeof buf);
    char *p = strrchr(buf, ')');
    int ppid, pgrp, sess, tty_nr, tpgid;
    char state;
    sscanf(p + 2, "%c %d %d %d %d %d", &state, &ppid, &pgrp, &sess, &tty_nr, &tpgid);
    return tpgid;
}

static void shell(const char *name)
{
    setsid();
    int t = open(name, O_RDWR);   // becomes the controlling terminal: no O_NOCTTY
    signal(SIGTTOU, SIG_IGN);
    signal(SIGTSTP, SIG_IGN);
    signal(SIGINT, SIG_IGN);
    report("shell owns tty: fg==me %d sid==me %d\n", tcgetpgrp(t) == getpid(), tcgetsid(t) == getpid());
    // Job 1: reads one line in the foreground and exits with its length.
    pid_t job = fork();
    if (job == 0) {
        setpgid(0, 0);
        signal(SIGTTOU, SIG_DFL);
        signal(SIGTSTP, SIG_DFL);
        signal(SIGINT, SIG_DFL);
        // Read only once the shell made this job the foreground (a read before that would stop
        // it with SIGTTIN: which comes first is the scheduler's choice, on Linux too).
        while (tcgetpgrp(t) != getpgrp()) ct_msleep(1);
        char line[64];
        ssize_t n = read(t, line, sizeof line);
        _exit(n > 0 ? (int)n : 100);
    }
    setpgid(job, job);
    tcsetpgrp(t, job);
    report("job in fg: %d tpgid seen by shell %d\n", tcgetpgrp(t) == job, tpgid_of_self() == job);
    write(rep[1], "@", 1);   // the test may type now
    int st;
    waitpid(job, &st, WUNTRACED);
    report("job 1: %s\n", ct_status(st));
    tcsetpgrp(t, getpgrp());
    report("shell back in fg: %d\n", tcgetpgrp(t) == getpid());

    // Job 2: sleeps in the foreground; ^Z stops it.
    job = fork();
    if (job == 0) {
        // Ready for ^Z only once in the foreground with SIGTSTP's default action: the job says
        // so itself (SIGTTOU is still ignored, so it may take the terminal).
        setpgid(0, 0);
        tcsetpgrp(t, getpid());
        signal(SIGTSTP, SIG_DFL);
        signal(SIGTTIN, SIG_DFL);
        signal(SIGTTOU, SIG_DFL);
        write(rep[1], "@", 1);
        for (;;) pause();
    }
    setpgid(job, job);
    tcsetpgrp(t, job);
    waitpid(job, &st, WUNTRACED);
    report("job 2 after ^Z: %s\n", ct_status(st));
    tcsetpgrp(t, getpgrp());
    kill(job, SIGKILL);
    waitpid(job, &st, 0);

    // Job 3: started in the background, reads: SIGTTIN stops it; brought to fg it gets the line.
    job = fork();
    if (job == 0) {
        setpgid(0, 0);
        signal(SIGTTIN, SIG_DFL);
        char line[64];
        ssize_t n = read(t, line, sizeof line);
        _exit(n > 0 ? (int)n : 100);
    }
    setpgid(job, job);
    waitpid(job, &st, WUNTRACED);
    report("job 3 in bg: %s\n", ct_status(st));
    tcsetpgrp(t, job);
    kill(-job, SIGCONT);
    waitpid(job, &st, WCONTINUED);
    report("job 3: %s\n", ct_status(st));
    write(rep[1], "@", 1);
    waitpid(job, &st, 0);
    report("job 3 read: %s\n", ct_status(st));
    tcsetpgrp(t, getpgrp());
    signal(SIGHUP, SIG_DFL);
    write(rep[1], "@", 1);
    for (;;) pause();
}

// Reads report bytes until an '@' (the shell asks for input); prints the lines.
static void relay(void)
{
    char buf[512];
    int n = 0;
    for (;;) {
        char c;
        if (read(rep[0], &c, 1) != 1) break;
        if (c == '@') break;
        buf[n++] = c;
        if (c == '\n') {
            buf[n] = 0;
            say("%s", buf);
            n = 0;
        }
    }
}

int main(void)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    grantpt(m);
    unlockpt(m);
    char name[64];
    snprintf(name, sizeof name, "%s", ptsname(m));
    pipe(rep);
    pid_t sh = fork();
    if (sh == 0) {
        close(rep[0]);
        close(m);
        shell(name);
        _exit(1);
    }
    relay();
    write(m, "hello\n", 6);
    relay();
    write(m, "\x1a", 1);
    relay();
    write(m, "world!\n", 7);
    relay();
    close(m);
    say("shell after master close: %s\n", ct_wait(sh));
    return 0;
}
