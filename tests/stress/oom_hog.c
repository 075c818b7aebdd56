// SPDX-License-Identifier: MIT
// Memory exhaustion: three processes at a time take and touch anonymous memory until the
// kernel kills them (Linux's OOM killer picks them: the largest), three rounds, while a small
// bystander keeps faulting in fresh pages and must survive (the killer takes the hogs, not
// whoever happens to fault). Afterwards the free memory is back near its starting level and
// fork+exec still work. Run in a small guest
// (the stress.oom tests boot with -m 128M).
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static long meminfo_kb(const char *key)
{
    FILE *f = fopen("/proc/meminfo", "r");
    char line[256];
    long v = -1;
    size_t n = strlen(key);
    while (f && fgets(line, sizeof line, f))
        if (!strncmp(line, key, n) && line[n] == ':') v = atol(line + n + 1);
    if (f) fclose(f);
    return v;
}

static void hog(void)
{
    for (;;) {
        char *p = mmap(NULL, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) _exit(3);
        memset(p, 1, 1 << 20);
    }
}

// Touches a fresh page at a time (dropping the old ones) until its parent closes the pipe.
static void bystander(int stop)
{
    fcntl(stop, F_SETFL, O_NONBLOCK);
    for (;;) {
        char *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) continue;
        p[0] = 1;
        munmap(p, 4096);
        char c;
        if (read(stop, &c, 1) == 0) _exit(0);
        usleep(1000);
    }
}

int main(void)
{
    long before = meminfo_kb("MemFree");
    int killed = 0, total = 0;
    int stop[2];
    pipe(stop);
    pid_t by = fork();
    if (by == 0) {
        close(stop[1]);
        bystander(stop[0]);
    }
    close(stop[0]);
    for (int round = 0; round < 3; round++) {
        pid_t pids[3];
        for (int k = 0; k < 3; k++)
            if ((pids[k] = fork()) == 0) hog();
        for (int k = 0; k < 3; k++) {
            int st;
            if (waitpid(pids[k], &st, 0) != pids[k]) continue;
            total++;
            if (WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL) killed++;
            else printf("oom: hog ended with status %#x\n", st);
        }
    }
    printf("oom: %d of %d hogs killed by SIGKILL\n", killed, total);
    close(stop[1]);
    int bst = -1;
    waitpid(by, &bst, 0);
    printf("oom: bystander survived: %s\n", bst == 0 ? "yes" : "no");
    sleep(1);
    long after = meminfo_kb("MemFree");
    // Within 4 MiB: page cache and slab may keep a little.
    printf("oom: memory returned: %s (%ld -> %ld kB)\n", after > before - 4096 ? "yes" : "no", before, after);
    pid_t c = fork();
    if (c == 0) {
        execl("/bin/true", "true", (char *)NULL);
        _exit(127);
    }
    int st = -1;
    waitpid(c, &st, 0);
    printf("oom: fork+exec afterwards: %s\n", st == 0 ? "ok" : "failed");
    return 0;
}
