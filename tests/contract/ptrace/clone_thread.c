// SPDX-License-Identifier: MIT
// PTRACE_O_TRACECLONE with a thread: the creating thread reports PTRACE_EVENT_CLONE with the new
// tid, the thread starts traced (SIGSTOP stop), and its exit is reported to the tracer by tid.
#include "pt.h"
#include <pthread.h>

static void *thread_fn(void *arg)
{
    (void)arg;
    return NULL;
}

int main(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        pt_traceme_stop();
        pthread_t th;
        if (pthread_create(&th, NULL, thread_fn, NULL) != 0) _exit(50);
        pthread_join(th, NULL);
        _exit(6);
    }
    pt_show("stop", pid);
    PTSAY("setoptions", PT(PTRACE_SETOPTIONS, pid, 0, PTRACE_O_TRACECLONE));
    PT(PTRACE_CONT, pid, 0, 0);
    int st = pt_wait(pid);
    say("event: %s\n", pt_desc(st));
    unsigned long msg = 0;
    PT(PTRACE_GETEVENTMSG, pid, 0, &msg);
    pid_t tid = (pid_t)msg;
    say("new tid differs: %s\n", tid != pid && tid > 0 ? "yes" : "no");
    say("thread first stop: %s\n", pt_desc(pt_wait(tid)));
    int w = waitpid(tid, &st, WNOHANG);   // a thread needs no __WCLONE for its tracer
    say("thread waitpid WNOHANG: %d\n", w);
    // The creator first: the C library may hold a lock across clone that the thread needs.
    PT(PTRACE_CONT, pid, 0, 0);
    PT(PTRACE_CONT, tid, 0, 0);
    // Its status is its own or, once the group has exited, the group's (linux: wait_task_zombie).
    st = pt_wait(tid);
    say("thread end: %s\n", WIFEXITED(st) ? "exited" : pt_desc(st));
    pt_show("end", pid);
    return 0;
}
