// SPDX-License-Identifier: MIT
// SIGSTOP/SIGTSTP/SIGCONT: stop, continue (handler runs), SIGTSTP discarded in an orphaned process group.
#include "contract.h"

static int note[2];
static void h(int s) { (void)s; write(note[1], "C", 1); }

static pid_t spawn(int own_group)
{
    pipe(note);
    pid_t pid = fork();
    if (pid == 0) {
        if (own_group) setpgid(0, 0);
        signal(SIGCONT, h);
        write(note[1], "R", 1);
        for (;;) pause();
    }
    if (own_group) setpgid(pid, pid);
    char c;
    read(note[0], &c, 1);
    return pid;
}

int main(void)
{
    // The test's own group has only init (pid 1) as outside parent: it is orphaned.
    pid_t pid = spawn(1);
    int st;
    kill(pid, SIGSTOP);
    waitpid(pid, &st, WUNTRACED);
    say("after SIGSTOP: %s\n", ct_status(st));
    kill(pid, SIGCONT);
    waitpid(pid, &st, WCONTINUED);
    say("after SIGCONT: %s\n", ct_status(st));
    char c = 0;
    read(note[0], &c, 1);
    say("SIGCONT handler ran: %s\n", c == 'C' ? "yes" : "no");
    ct_msleep(50);
    kill(pid, SIGTSTP);
    waitpid(pid, &st, WUNTRACED);
    say("after SIGTSTP (non-orphaned group): %s\n", ct_status(st));
    kill(pid, SIGTERM);
    ct_msleep(30);
    RET(waitpid(pid, &st, WNOHANG));
    kill(pid, SIGCONT);
    waitpid(pid, &st, 0);
    say("terminated after continue: %s\n", ct_status(st));
    pid = spawn(0);
    kill(pid, SIGTSTP);
    ct_msleep(50);
    RET(waitpid(pid, &st, WUNTRACED | WNOHANG));
    kill(pid, SIGKILL);
    say("orphaned-group child: %s\n", ct_wait(pid));
    pid = fork();
    if (pid == 0) {
        signal(SIGTSTP, SIG_IGN);
        raise(SIGTSTP);
        _exit(3);
    }
    say("ignored SIGTSTP: %s\n", ct_wait(pid));
    return 0;
}
