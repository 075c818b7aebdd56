// SPDX-License-Identifier: MIT
// Time a command: btime NAME N PROG [ARG...] runs PROG N times (fork, execv, waitpid; every run must
// exit 0) after one untimed warm-up run, and prints "BENCH NAME <ns per run>". Used for the BusyBox
// workloads. Quick mode and the time cap are those of bench.h.
#include "bench.h"

#include <sys/wait.h>

static char **g_argv;

static void run_once(long k) {
    for (long i = 0; i < k; i++) {
        pid_t pid = fork();
        BENCH_CHECK(pid >= 0);
        if (pid == 0) {
            execv(g_argv[0], g_argv);
            _exit(127);
        }
        int st;
        BENCH_CHECK(waitpid(pid, &st, 0) == pid);
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
            errno = 0;
            bench_fail("%s: %s %d", g_argv[0], WIFEXITED(st) ? "exit status" : "signal",
                       WIFEXITED(st) ? WEXITSTATUS(st) : WTERMSIG(st));
        }
    }
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: btime NAME N PROG [ARG...]\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    bench_current = argv[1];
    long n = strtol(argv[2], NULL, 10);
    g_argv = argv + 3;
    // bench_loop's warm-up is n/100 runs (at least one); batches of n/10.
    bench_loop(argv[1], n, 1, run_once);
    return 0;
}
