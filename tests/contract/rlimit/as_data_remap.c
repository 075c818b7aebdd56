// SPDX-License-Identifier: MIT
// RLIMIT_AS and RLIMIT_DATA beyond mmap and brk: mremap growth, mprotect turning memory into data, MAP_FIXED
// over existing pages counting only the difference, and VmSize/VmData agreeing with the limits.
#define _GNU_SOURCE
#include "contract.h"
#include <sys/mman.h>
#include <sys/resource.h>

static long status_kb(const char *field)
{
    static char text[8192];
    ct_read_file("/proc/self/status", text, sizeof text);
    char *p = strstr(text, field);
    return p ? atol(p + strlen(field)) : -1;
}

int main(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        long size = status_kb("VmSize:");
        struct rlimit rl = {(size + 16 * 1024) * 1024, RLIM_INFINITY};
        RET(setrlimit(RLIMIT_AS, &rl));
        char *a = mmap(NULL, 8 << 20, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        say("8 MiB of 16 MiB headroom: %s\n", a == MAP_FAILED ? ct_errname(errno) : "ok");
        void *b = mmap(a, 8 << 20, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
        say("MAP_FIXED over the same 8 MiB: %s\n", b == MAP_FAILED ? ct_errname(errno) : "ok");
        b = mmap(NULL, 9 << 20, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        say("9 MiB more: %s\n", b == MAP_FAILED ? ct_errname(errno) : "ok");
        b = mremap(a, 8 << 20, 20 << 20, MREMAP_MAYMOVE);
        say("mremap to 20 MiB: %s\n", b == MAP_FAILED ? ct_errname(errno) : "ok");
        b = mremap(a, 8 << 20, 4 << 20, 0);
        say("mremap down to 4 MiB: %s\n", b == MAP_FAILED ? ct_errname(errno) : "ok");
        FACT("VmSize under the limit", status_kb("VmSize:") * 1024 <= (long)rl.rlim_cur);
        _exit(0);
    }
    ct_wait(pid);
    pid = fork();
    if (pid == 0) {
        long data = status_kb("VmData:");
        struct rlimit rl = {(data + 1024) * 1024, RLIM_INFINITY};
        RET(setrlimit(RLIMIT_DATA, &rl));
        char *r = mmap(NULL, 4 << 20, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        RET(mprotect(r, 4 << 20, PROT_READ | PROT_WRITE));
        RET(mprotect(r, 512 << 10, PROT_READ | PROT_WRITE));
        char *w = mmap(NULL, 256 << 10, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        say("256 KiB writable: %s\n", w == MAP_FAILED ? ct_errname(errno) : "ok");
        void *g = mremap(w, 256 << 10, 2 << 20, MREMAP_MAYMOVE);
        say("mremap writable to 2 MiB: %s\n", g == MAP_FAILED ? ct_errname(errno) : "ok");
        void *s = mmap(NULL, 4 << 20, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        say("shared writable 4 MiB (not data): %s\n", s == MAP_FAILED ? ct_errname(errno) : "ok");
        _exit(0);
    }
    ct_wait(pid);
    return 0;
}
