// SPDX-License-Identifier: MIT
// exit_group of a traced two-thread process with PTRACE_O_TRACECLONE|TRACEEXIT: both threads stop
// in PTRACE_EVENT_EXIT (the killed one too) with the group's status, then both exits are reported
// to the tracer, the thread by its tid. Stops of the two threads come in any order: a summary is
// printed, leader first.
#include "pt.h"
#include <pthread.h>

static int ready[2];

static void *thread_fn(void *arg)
{
    (void)arg;
    (void)!write(ready[1], "x", 1);
    for (;;) pause();
    return NULL;
}

int main(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        pipe(ready);
        pt_traceme_stop();
        pthread_t th;
        pthread_create(&th, NULL, thread_fn, NULL);
        char c;
        (void)!read(ready[0], &c, 1);
        pt_raw(SYS_exit_group, 4, 0, 0, 0);
    }
    pt_show("stop", pid);
    PT(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXIT);
    PT(PTRACE_CONT, pid, 0, 0);
    pid_t tid = 0;
    char leader_events[256] = "", thread_events[256] = "";
    int exits = 0;
    for (int i = 0; i < 20 && exits < 2; i++) {
        int st;
        pid_t w = waitpid(-1, &st, __WALL);
        if (w == -1) {
            say("waitpid: %s\n", ct_errname(errno));
            break;
        }
        char *log = w == pid ? leader_events : thread_events;
        char item[64];
        if (WIFSTOPPED(st) && (st >> 16) == PTRACE_EVENT_CLONE) {
            unsigned long msg = 0;
            PT(PTRACE_GETEVENTMSG, w, 0, &msg);
            tid = (pid_t)msg;
            snprintf(item, sizeof item, " clone-event");
        } else if (WIFSTOPPED(st) && (st >> 16) == PTRACE_EVENT_EXIT) {
            unsigned long msg = 0;
            PT(PTRACE_GETEVENTMSG, w, 0, &msg);
            snprintf(item, sizeof item, " exit-event(%#lx)", msg);
        } else {
            snprintf(item, sizeof item, " [%s]", pt_desc(st));
            if (!WIFSTOPPED(st)) exits++;
        }
        strncat(log, item, sizeof leader_events - strlen(log) - 1);
        if (WIFSTOPPED(st)) PT(PTRACE_CONT, w, 0, 0);
    }
    say("leader:%s\n", leader_events);
    say("thread:%s\n", thread_events);
    say("thread is the clone event's tid: %s\n", tid > 0 && tid != pid ? "yes" : "no");
    return 0;
}
