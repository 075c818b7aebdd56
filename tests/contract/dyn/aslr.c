// SPDX-License-Identifier: MIT
// Address-space layout randomization: the stack, mmap area, program break and (for a PIE) the
// program move between two execs, unless personality(ADDR_NO_RANDOMIZE) or
// kernel.randomize_va_space=0; with randomize_va_space=1 the break of a non-PIE stays put.
#include "contract.h"
#include <sys/mman.h>
#include <sys/personality.h>

struct layout {
    unsigned long stack, mmap, brk, text, no_randomize;
};

static int report(int fd)
{
    int local;
    struct layout l;
    l.stack = (unsigned long)&local;
    l.mmap = (unsigned long)mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    l.brk = (unsigned long)sbrk(0);
    l.text = (unsigned long)&report;
    l.no_randomize = (personality(0xffffffff) & ADDR_NO_RANDOMIZE) != 0;
    return ct_write_full(fd, &l, sizeof l) == sizeof l ? 0 : 1;
}

static int sample(struct layout *l, int no_randomize)
{
    int p[2];
    if (pipe(p)) return -1;
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]);
        if (no_randomize) personality(ADDR_NO_RANDOMIZE);
        char fdstr[16];
        snprintf(fdstr, sizeof fdstr, "%d", p[1]);
        ct_exec_self("child", fdstr);
        _exit(127);
    }
    close(p[1]);
    ssize_t n = ct_read_full(p[0], l, sizeof *l);
    close(p[0]);
    int st;
    waitpid(pid, &st, 0);
    return n == sizeof *l && WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : -1;
}

// Three execs: "differs" when any two disagree (so a chance collision of two is harmless).
static void compare(const char *label, int no_randomize)
{
    struct layout l[3];
    for (int i = 0; i < 3; i++)
        if (sample(&l[i], no_randomize)) {
            say("%s: exec failed\n", label);
            return;
        }
#define DIFF(f) (l[0].f != l[1].f || l[1].f != l[2].f ? "differs" : "same")
    say("%s: stack %s, mmap %s, brk %s, text %s; personality after exec has ADDR_NO_RANDOMIZE: %s\n", label,
        DIFF(stack), DIFF(mmap), DIFF(brk), DIFF(text), l[0].no_randomize ? "yes" : "no");
}

static int set_va(const char *v)
{
    int fd = open("/proc/sys/kernel/randomize_va_space", O_WRONLY);
    if (fd < 0) return -1;
    int r = write(fd, v, strlen(v)) == (ssize_t)strlen(v) ? 0 : -1;
    close(fd);
    return r;
}

int main(int argc, char **argv)
{
    if (argc >= 3 && !strcmp(argv[1], "child")) return report(atoi(argv[2]));
    char old[16] = "";
    ct_read_file("/proc/sys/kernel/randomize_va_space", old, sizeof old);
    say("randomize_va_space: %s", old);
    compare("default", 0);
    compare("ADDR_NO_RANDOMIZE", 1);
    if (set_va("0\n") == 0) compare("randomize_va_space=0", 0);
    if (set_va("1\n") == 0) compare("randomize_va_space=1", 0);
    set_va(old);
    return 0;
}
