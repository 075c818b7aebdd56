// SPDX-License-Identifier: MIT
// Job control of a multi-threaded process: SIGSTOP stops every thread (blocked and running
// ones), SIGCONT resumes them all, and SIGKILL ends a stopped process.
#include "contract.h"
#include "glibc_futex.h"
#include <dirent.h>
#include <pthread.h>

static int ready[2], pipe_in[2], toparent[2];
static volatile unsigned long spins;

static void *spinner(void *arg) { (void)arg; ct_sync_post(ready); for (;;) spins++; return NULL; }
static void *reader(void *arg)
{
    (void)arg;
    ct_sync_post(ready);
    char c;
    while (read(pipe_in[0], &c, 1) == 1) write(toparent[1], &c, 1);   // echo to the parent
    return NULL;
}

// Every task of pid in state c (T: stopped), polling for up to 5 s.
static int all_in_state(pid_t pid, char c)
{
    for (int tries = 0; tries < 500; tries++) {
        char dir[64], path[128], buf[512];
        snprintf(dir, sizeof dir, "/proc/%d/task", pid);
        DIR *d = opendir(dir);
        int total = 0, match = 0;
        struct dirent *e;
        while (d && (e = readdir(d))) {
            if (e->d_name[0] == '.') continue;
            snprintf(path, sizeof path, "%s/%s/stat", dir, e->d_name);
            if (ct_read_file(path, buf, sizeof buf) <= 0) continue;
            char *p = strrchr(buf, ')');
            total++;
            if (p && p[2] == c) match++;
        }
        if (d) closedir(d);
        if (total == 3 && match == total) return 1;
        ct_msleep(10);
    }
    return 0;
}

int main(void)
{
    glibc_needs_futex();
    pipe(ready);
    pipe(pipe_in);
    pipe(toparent);
    pid_t pid = fork();
    if (pid == 0) {
        pthread_t a, b;
        pthread_create(&a, NULL, spinner, NULL);
        pthread_create(&b, NULL, reader, NULL);
        ct_sync_wait(ready);
        ct_sync_wait(ready);
        ct_sync_post(toparent);
        for (;;) pause();
    }
    ct_sync_wait(toparent);
    kill(pid, SIGSTOP);
    int st;
    waitpid(pid, &st, WUNTRACED);
    say("after SIGSTOP: %s\n", ct_status(st));
    FACT("every thread stopped", all_in_state(pid, 'T'));
    write(pipe_in[1], "a", 1);   // the reader is stopped: no echo yet
    ct_msleep(50);
    int avail = 0;
    struct timespec z = {0, 0};
    fd_set fs;
    FD_ZERO(&fs);
    FD_SET(toparent[0], &fs);
    avail = pselect(toparent[0] + 1, &fs, NULL, NULL, &z, NULL);
    FACT("stopped reader did not echo", avail == 0);
    kill(pid, SIGCONT);
    waitpid(pid, &st, WCONTINUED);
    say("after SIGCONT: %s\n", ct_status(st));
    char c = 0;
    ct_read_full(toparent[0], &c, 1);
    say("reader resumed and echoed: %c\n", c);
    kill(pid, SIGSTOP);
    waitpid(pid, &st, WUNTRACED);
    say("stopped again: %s\n", ct_status(st));
    kill(pid, SIGKILL);
    say("SIGKILL while stopped: %s\n", ct_wait(pid));
    return 0;
}
