// SPDX-License-Identifier: MIT
// Create and join 1,000 threads (in waves of 10) and show that free memory returns to its
// starting level (within 2 MiB): thread stacks, kernel stacks, tids and signal state are freed.
// The joins poll for each wave's exit through /proc instead of waiting on futexes, so the test
// does not depend on them.
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

static int tasks(void) {
    DIR* d = opendir("/proc/self/task");
    int n = 0;
    struct dirent* e;
    while (d && (e = readdir(d)))
        if (e->d_name[0] != '.') n++;
    if (d) closedir(d);
    return n;
}

static void* work(void* arg) { return arg; }

static int wave(int base) {
    pthread_t t[10];
    int failures = 0;
    for (int i = 0; i < 10; i++)
        if (pthread_create(&t[i], NULL, work, (void*)(long)(base + i)) != 0) failures++;
    struct timespec ms = {0, 1000000};
    for (int i = 0; i < 2000 && tasks() != 1; i++) nanosleep(&ms, NULL);
    for (int i = 0; i < 10; i++) {
        void* r;
        if (pthread_join(t[i], &r) != 0 || (long)r != base + i) failures++;
    }
    return failures;
}

int main(void) {
    for (int w = 0; w < 10; w++) wave(0);   // warm-up: caches and the first stacks stay
    long before = mem_free_kb();
    int failures = 0;
    for (int w = 0; w < 100; w++) failures += wave(w * 10);
    long after = mem_free_kb();
    printf("thread_reclaim: 1000 threads, %d failures\n", failures);
    printf("thread_reclaim: memory returned: %s\n", (before > 0 && after > 0 && before - after < 2048) ? "yes" : "no");
    if (before - after >= 2048) fprintf(stderr, "thread_reclaim: MemFree %ld kB -> %ld kB\n", before, after);
    return failures == 0 && before - after < 2048 ? 0 : 1;
}
