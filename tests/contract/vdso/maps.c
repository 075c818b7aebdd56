// SPDX-License-Identifier: MIT
// [vvar] and [vdso] in /proc/self/maps: one line each, [vvar] read-only directly below [vdso]
// (read+execute) at AT_SYSINFO_EHDR, above [stack]; a fork child has them at the same place and an
// exec'd program has its own. [vvar] can never be made writable; [vdso] can, and a write there is
// private to the process. munmap removes them; mremap moves them (CRIU does) and they keep working.
#include "contract.h"
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include "vdso_elf.h"

struct line { unsigned long start, end; char perms[8], rest[64]; int count, index; };

// Finds the lines named name; returns how many; keeps the first in *l, with its line index.
static void find(const char *name, struct line *l)
{
    static char text[65536];
    memset(l, 0, sizeof *l);
    ct_read_file("/proc/self/maps", text, sizeof text);
    int idx = 0;
    for (char *s = text, *nl; *s; s = nl + 1, idx++) {
        nl = strchr(s, '\n');
        if (!nl) break;
        *nl = 0;
        size_t n = strlen(s), m = strlen(name);
        if (n < m || strcmp(s + n - m, name) != 0) continue;
        if (!l->count++) {
            unsigned long off, ino;
            unsigned maj, min;
            sscanf(s, "%lx-%lx %7s %lx %x:%x %lu", &l->start, &l->end, l->perms, &off, &maj, &min, &ino);
            snprintf(l->rest, sizeof l->rest, "%s %08lx %02x:%02x %lu", l->perms, off, maj, min, ino);
            l->index = idx;
        }
    }
}

static long g_cgt_offset;   // of __vdso_clock_gettime in the image, found before anything moves

static int vdso_works(uintptr_t ehdr)
{
    // Call __vdso_clock_gettime wherever the image now is.
    int (*cgt)(clockid_t, struct timespec *) = (void *)(ehdr + g_cgt_offset);
    struct timespec a, b;
    if (!g_cgt_offset || cgt(CLOCK_MONOTONIC, &a) || syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &b)) return 0;
    return a.tv_sec <= b.tv_sec;
}

int main(int argc, char **argv)
{
    struct line vvar, vdso, stack;
    if (argc > 1 && strcmp(argv[1], "exec") == 0) {
        find("[vdso]", &vdso);
        find("[vvar]", &vvar);
        const unsigned char *e = (const unsigned char *)getauxval(AT_SYSINFO_EHDR);
        say("exec'd: [vdso] %d at AT_SYSINFO_EHDR: %s, [vvar] %d below it: %s, image untouched: %s\n", vdso.count,
            e && vdso.start == (unsigned long)e ? "yes" : "no", vvar.count, vvar.end == vdso.start ? "yes" : "no",
            e && e[EI_PAD + 6] == 0 ? "yes" : "no");
        return 0;
    }
    struct ct_vdso v;
    if (ct_vdso_open(&v) == 0) g_cgt_offset = (char *)ct_vdso_sym(&v, "__vdso_clock_gettime", "LINUX_2.6", NULL) - (char *)v.eh;
    find("[vvar]", &vvar);
    find("[vdso]", &vdso);
    find("[stack]", &stack);
    uintptr_t ehdr = getauxval(AT_SYSINFO_EHDR);
    say("[vvar]: %d line(s): %s\n", vvar.count, vvar.rest);
    say("[vdso]: %d line(s): %s\n", vdso.count, vdso.rest);
    FACT("[vvar] ends where [vdso] starts", vvar.end == vdso.start);
    FACT("[vvar] is the line before [vdso]", vvar.index + 1 == vdso.index);
    FACT("[vdso] starts at AT_SYSINFO_EHDR", vdso.start == ehdr);
    FACT("[vdso] is above [stack]", vdso.start >= stack.end);

    int p[2];
    if (pipe(p)) return 1;
    pid_t pid = fork();
    if (pid == 0) {
        struct line cv, cd;
        find("[vvar]", &cv);
        find("[vdso]", &cd);
        struct timespec t;
        char ok = cv.start == vvar.start && cd.start == vdso.start && !strcmp(cd.perms, "r-xp") &&
                  clock_gettime(CLOCK_MONOTONIC, &t) == 0 && vdso_works(ehdr);
        (void)!write(p[1], &ok, 1);
        _exit(0);
    }
    char ok = 0;
    (void)!read(p[0], &ok, 1);
    ct_wait(pid);
    FACT("fork child: same [vvar] and [vdso], working", ok);

    RET(mprotect((void *)vvar.start, vvar.end - vvar.start, PROT_READ | PROT_WRITE));
    RET(mprotect((void *)vdso.start, vdso.end - vdso.start, PROT_READ | PROT_WRITE | PROT_EXEC));
    find("[vdso]", &vdso);
    say("[vdso] after mprotect: %s\n", vdso.perms);
    unsigned char *pad = (unsigned char *)ehdr + EI_PAD + 6;
    FACT("padding byte is 0", *pad == 0);
    *pad = 0x5a;   // a private copy: other processes keep the original image
    FACT("vdso works after the write", vdso_works(ehdr));
    pid = fork();
    if (pid == 0) {
        ct_exec_self("exec", NULL);
        _exit(127);
    }
    say("exec'd child: %s\n", ct_wait(pid));
    FACT("own copy changed", *pad == 0x5a);
    *pad = 0;

    // mremap both to a new place: the image still finds its data page right below it.
    pid = fork();
    if (pid == 0) {
        size_t vl = vvar.end - vvar.start, dl = vdso.end - vdso.start;
        char *dst = mmap(NULL, vl + dl + 8192, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        char *nv = mremap((void *)vvar.start, vl, vl, MREMAP_MAYMOVE | MREMAP_FIXED, dst + 4096);
        char *nd = mremap((void *)vdso.start, dl, dl, MREMAP_MAYMOVE | MREMAP_FIXED, dst + 4096 + vl);
        struct line mv, md;
        find("[vvar]", &mv);
        find("[vdso]", &md);
        int good = nv == dst + 4096 && nd == dst + 4096 + vl && mv.start == (unsigned long)nv &&
                   md.start == (unsigned long)nd && vdso_works((uintptr_t)nd);
        _exit(good ? 0 : 1);
    }
    say("mremap of [vvar] and [vdso]: %s\n", ct_wait(pid));
    pid = fork();
    if (pid == 0) {
        int r = munmap((void *)vvar.start, vdso.end - vvar.start);
        struct line mv, md;
        find("[vvar]", &mv);
        find("[vdso]", &md);
        _exit(r == 0 && mv.count == 0 && md.count == 0 ? 0 : 1);
    }
    say("munmap of [vvar] and [vdso]: %s\n", ct_wait(pid));
    return 0;
}
