// SPDX-License-Identifier: MIT
// Fork 10,000 children that exit at once, reaping each, then 1,000 that exec this program again
// (each exec'd child reads the clock through the vDSO), and show that free memory returns to its
// starting level each time (within 2 MiB: caches may keep a little).
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/wait.h>
#include <unistd.h>

static long mem_free_kb(void) {
    FILE* f = fopen("/proc/meminfo", "r");
    if (!f) return -1;
    char line[128];
    long v = -1;
    while (fgets(line, sizeof(line), f))
        if (sscanf(line, "MemFree: %ld kB", &v) == 1) break;
    fclose(f);
    return v;
}

// Phase two: fork + exec of this program; the child reads the clock (the vDSO) and exits.
static int exec_phase(const char* self) {
    for (int i = 0; i < 20; i++) {   // warm-up, as above
        pid_t p = fork();
        if (p == 0) {
            execl(self, self, "child", (char*)0);
            _exit(127);
        }
        waitpid(p, NULL, 0);
    }
    long before = mem_free_kb();
    int failures = 0;
    for (int i = 0; i < 1000; i++) {
        pid_t p = fork();
        if (p == 0) {
            execl(self, self, "child", (char*)0);
            _exit(127);
        }
        int st;
        if (p < 0 || waitpid(p, &st, 0) != p || !WIFEXITED(st) || WEXITSTATUS(st) != 0) failures++;
    }
    long after = mem_free_kb();
    printf("fork_reclaim: 1000 exec children, %d failures\n", failures);
    printf("fork_reclaim: memory returned after exec: %s\n", (before > 0 && after > 0 && before - after < 2048) ? "yes" : "no");
    if (before - after >= 2048) fprintf(stderr, "fork_reclaim: exec: MemFree %ld kB -> %ld kB\n", before, after);
    return failures == 0 && before - after < 2048 ? 0 : 1;
}

int main(int argc, char** argv) {
    if (argc > 1 && strcmp(argv[1], "child") == 0) {
        struct timespec ts;
        return clock_gettime(CLOCK_MONOTONIC, &ts) == 0 ? 0 : 1;
    }
    // Warm up: the first forks fill caches that stay (slab reserves, page tables).
    for (int i = 0; i < 100; i++) {
        pid_t p = fork();
        if (p == 0) _exit(0);
        waitpid(p, NULL, 0);
    }
    long before = mem_free_kb();
    int failures = 0;
    for (int i = 0; i < 10000; i++) {
        pid_t p = fork();
        if (p == 0) _exit(i & 0xff);
        int st;
        if (p < 0 || waitpid(p, &st, 0) != p || !WIFEXITED(st) || WEXITSTATUS(st) != (i & 0xff)) failures++;
    }
    long after = mem_free_kb();
    printf("fork_reclaim: 10000 children, %d failures\n", failures);
    printf("fork_reclaim: memory returned: %s\n", (before > 0 && after > 0 && before - after < 2048) ? "yes" : "no");
    if (before - after >= 2048) fprintf(stderr, "fork_reclaim: MemFree %ld kB -> %ld kB\n", before, after);
    fflush(stdout);
    int exec_failed = exec_phase(argv[0]);
    return failures == 0 && before - after < 2048 && !exec_failed ? 0 : 1;
}
