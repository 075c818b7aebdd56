// SPDX-License-Identifier: MIT
// cgroup.procs and cgroup.threads: listing, moving a process (all its threads) and the caller,
// the parse and lookup errors, fork inheriting the cgroup, and /proc/<pid>/cgroup.
#include "contract.h"
#include "cg.h"
#include <pthread.h>
#include <sys/syscall.h>

static int tpipe[2];
static void *thread_fn(void *arg)
{
    (void)arg;
    int tid = (int)syscall(SYS_gettid);
    write(tpipe[1], &tid, sizeof tid);
    for (;;) pause();
    return NULL;
}

int main(void)
{
    cg_setup();
    cg_show_proc("self before", 0);
    RET(mkdir(cg_path("ct_procs"), 0755));
    RET(mkdir(cg_path("ct_procs/b"), 0755));

    // A helper with two threads.
    RET(pipe(tpipe));
    int hold[2];
    RET(pipe(hold));
    pid_t c = fork();
    if (c == 0) {
        pthread_t t;
        pthread_create(&t, NULL, thread_fn, NULL);
        char x;
        read(hold[0], &x, 1);
        _exit(0);
    }
    int tid = 0;
    read(tpipe[0], &tid, sizeof tid);
    FACT("thread tid differs from pid", tid != c && tid > 0);
    FACT("root lists helper", cg_lists("", "cgroup.procs", c));

    // Moving by a thread's id moves the whole process.
    char num[32];
    snprintf(num, sizeof num, "%d", tid);
    say("write tid to procs: %s\n", cg_res(cg_write("ct_procs/cgroup.procs", num)));
    FACT("child lists helper", cg_lists("ct_procs", "cgroup.procs", c));
    FACT("root no longer lists helper", !cg_lists("", "cgroup.procs", c));
    say("procs lines: %d threads lines: %d\n", cg_count("ct_procs", "cgroup.procs"), cg_count("ct_procs", "cgroup.threads"));
    FACT("threads lists the thread", cg_lists("ct_procs", "cgroup.threads", tid));
    cg_show_proc("helper", c);
    char p[64], buf[256];
    snprintf(p, sizeof p, "/proc/%d/task/%d/cgroup", c, tid);
    ct_read_file(p, buf, sizeof buf);
    say("thread's cgroup file: %s", buf);

    // Threads cannot leave their domain alone.
    say("write tid to b/threads: %s\n", cg_res(cg_write("ct_procs/b/cgroup.threads", num)));
    say("write tid to own threads: %s\n", cg_res(cg_write("ct_procs/cgroup.threads", num)));

    // Parse and lookup errors.
    CG_WRITE("ct_procs/cgroup.procs", "-1");
    CG_WRITE("ct_procs/cgroup.procs", "abc");
    CG_WRITE("ct_procs/cgroup.procs", "");
    CG_WRITE("ct_procs/cgroup.procs", "12x");
    CG_WRITE("ct_procs/cgroup.procs", "99999999");
    CG_WRITE("ct_procs/cgroup.procs", "4194303");
    CG_WRITE("ct_procs/cgroup.procs", " \n");

    // Moving into a subcgroup and back, with trailing newline and leading spaces.
    snprintf(num, sizeof num, "  %d\n", c);
    say("write pid with spaces: %s\n", cg_res(cg_write("ct_procs/b/cgroup.procs", num)));
    cg_show_proc("helper in b", c);
    FACT("parent procs empty now", cg_count("ct_procs", "cgroup.procs") == 0);
    snprintf(num, sizeof num, "0x%x", c);
    say("write pid in hex: %s\n", cg_res(cg_write("ct_procs/cgroup.procs", num)));
    cg_show_proc("helper back", c);

    // The caller, by pid 0; its children inherit.
    RET(cg_move("ct_procs/b", 0));
    cg_show_proc("self", 0);
    pid_t g = fork();
    if (g == 0) {
        char b2[128];
        ct_read_file("/proc/self/cgroup", b2, sizeof b2);
        _exit(strcmp(b2, "0::/ct_procs/b\n") == 0 ? 0 : 1);
    }
    say("forked child in same cgroup: %s\n", ct_wait(g));
    FACT("self listed in b", cg_lists("ct_procs/b", "cgroup.procs", getpid()));
    RET(cg_move("", 0));
    cg_show_proc("self after", 0);

    close(hold[1]);
    kill(c, SIGKILL);
    say("helper: %s\n", ct_wait(c));
    say("procs lines after exit: %d\n", cg_count("ct_procs", "cgroup.procs"));
    RET(rmdir(cg_path("ct_procs/b")));
    RET(rmdir(cg_path("ct_procs")));
    cg_teardown();
    return 0;
}
