// SPDX-License-Identifier: MIT
// The pids controller counts threads: pthread_create fails with EAGAIN at pids.max, and an
// exited thread gives its slot back.
#include "contract.h"
#include "cg.h"
#include <pthread.h>

static void *idle(void *arg)
{
    int fd = *(int *)arg;
    char x;
    read(fd, &x, 1);
    return NULL;
}

static void *quick(void *arg) { return arg; }

int main(void)
{
    cg_setup();
    char buf[256];
    cg_read("cgroup.subtree_control", buf, sizeof buf);
    int had_pids = strstr(buf, "pids") != NULL;
    if (!had_pids) CG_WRITE("cgroup.subtree_control", "+pids");
    RET(mkdir(cg_path("ct_pthr"), 0755));
    CG_WRITE("ct_pthr/pids.max", "3");
    int go[2], res[2];
    RET(pipe(go));
    RET(pipe(res));
    pid_t c = fork();
    if (c == 0) {
        char x;
        read(go[0], &x, 1);
        int hold[2];
        pipe(hold);
        pthread_t t[8];
        int n = 0, err = 0;
        for (int i = 0; i < 8; i++) {
            err = pthread_create(&t[n], NULL, idle, &hold[0]);
            if (err) break;
            n++;
        }
        int out[4] = {n, err, 0, 0};
        char cur[32];
        cg_read("ct_pthr/pids.current", cur, sizeof cur);
        out[2] = atoi(cur);
        write(hold[1], "xxxxxxxx", n);
        for (int i = 0; i < n; i++) pthread_join(t[i], NULL);
        // Joined threads give their slots back (Linux releases them a little after the join
        // returns, so wait for the count first).
        for (int i = 0; i < 500; i++) {
            cg_read("ct_pthr/pids.current", cur, sizeof cur);
            if (atoi(cur) == 1) break;
            ct_msleep(10);
        }
        pthread_t q;
        out[3] = pthread_create(&q, NULL, quick, NULL);
        if (!out[3]) pthread_join(q, NULL);
        write(res[1], out, sizeof out);
        _exit(0);
    }
    RET(cg_move("ct_pthr", c));
    write(go[1], "x", 1);
    int out[4];
    read(res[0], out, sizeof out);
    say("threads created: %d, then %s\n", out[0], out[1] ? ct_errname(out[1]) : "no error");
    say("pids.current with threads: %d\n", out[2]);
    say("thread after joins: %s\n", out[3] ? ct_errname(out[3]) : "ok");
    say("child: %s\n", ct_wait(c));
    cg_show("ct_pthr/pids.current");
    cg_show("ct_pthr/pids.events");
    RET(rmdir(cg_path("ct_pthr")));
    if (!had_pids) CG_WRITE("cgroup.subtree_control", "-pids");
    cg_teardown();
    return 0;
}
