// SPDX-License-Identifier: MIT
// POSIX unnamed semaphores shared between processes: sem_trywait EAGAIN, sem_timedwait
// ETIMEDOUT (CLOCK_REALTIME) and EINVAL, a post from another process waking a waiter.
#include "futex_common.h"
#include <semaphore.h>

int main(void)
{
    sem_t *s = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    say("init: %d\n", sem_init(s, 1, 0));
    RET(sem_trywait(s));
    struct timespec t = fx_abs_ms(CLOCK_REALTIME, 100);
    RET(sem_timedwait(s, &t));
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    say("deadline passed: %s\n", fx_elapsed_ms(&t, &now) >= 0 ? "yes" : "no");
    struct timespec bad = {0, 1000000000L};
    RET(sem_timedwait(s, &bad));
    pid_t p = fork();
    if (p == 0) {
        ct_wait_blocked(getppid());
        sem_post(s);
        sem_post(s);
        _exit(0);
    }
    RET(sem_wait(s));
    say("poster: %s\n", ct_wait(p));
    int v;
    sem_getvalue(s, &v);
    say("value left: %d\n", v);
    RET(sem_trywait(s));
    RET(sem_trywait(s));
    // Several waiters, one post each.
    pid_t w[3];
    for (int i = 0; i < 3; i++) {
        w[i] = fork();
        if (w[i] == 0) _exit(sem_wait(s) == 0 ? 0 : 1);
        ct_wait_blocked(w[i]);
    }
    for (int i = 0; i < 3; i++) sem_post(s);
    int all = 1;
    for (int i = 0; i < 3; i++) all &= strcmp(ct_wait(w[i]), "exit 0") == 0;
    say("three waiters woken: %s\n", all ? "yes" : "no");
    sem_getvalue(s, &v);
    say("value: %d\n", v);
    return 0;
}
