// SPDX-License-Identifier: MIT
// cpu.stat: usage grows while a member burns CPU, stays after it exits, and the parent's
// includes its child's.
#include "contract.h"
#include "cg.h"
#include <time.h>

static void burn_ms(long ms)
{
    struct timespec a, b;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
    volatile unsigned long x = 0;
    for (;;) {
        for (int i = 0; i < 100000; i++) x += i;
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
        if ((b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000 >= ms) break;
    }
}

int main(void)
{
    cg_setup();
    RET(mkdir(cg_path("ct_cpu"), 0755));
    RET(mkdir(cg_path("ct_cpu/in"), 0755));
    cg_show("ct_cpu/in/cpu.stat");
    int go[2], done[2];
    RET(pipe(go));
    RET(pipe(done));
    pid_t c = fork();
    if (c == 0) {
        char x;
        read(go[0], &x, 1);
        burn_ms(200);
        write(done[1], "x", 1);
        read(go[0], &x, 1);
        burn_ms(200);
        _exit(0);
    }
    RET(cg_move("ct_cpu/in", c));
    write(go[1], "x", 1);
    char x;
    read(done[0], &x, 1);
    long long u1 = cg_key("ct_cpu/in/cpu.stat", "usage_usec");
    FACT("usage after 200 ms of CPU >= 100000 us", u1 >= 100000);
    write(go[1], "x", 1);
    say("child: %s\n", ct_wait(c));
    long long u2 = cg_key("ct_cpu/in/cpu.stat", "usage_usec");
    FACT("usage grew", u2 > u1);
    FACT("usage after 400 ms >= 300000 us", u2 >= 300000);
    long long p = cg_key("ct_cpu/cpu.stat", "usage_usec");
    FACT("parent includes child", p >= u2);
    long long us = cg_key("ct_cpu/in/cpu.stat", "user_usec"), sy = cg_key("ct_cpu/in/cpu.stat", "system_usec");
    FACT("user and system present", us >= 0 && sy >= 0);
    FACT("user+system within usage + 10%", us + sy <= u2 + u2 / 10 + 10000);
    RET(rmdir(cg_path("ct_cpu/in")));
    RET(rmdir(cg_path("ct_cpu")));
    cg_teardown();
    return 0;
}
