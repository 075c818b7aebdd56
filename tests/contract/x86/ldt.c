// SPDX-License-Identifier: MIT
// modify_ldt: reading an absent table and the default one, writing entries (old and new mode), the
// descriptors read back, a segment loaded from the LDT reading memory, inheritance by fork, the errors
// (returned as unsigned 32-bit values, as Linux does) and exec dropping the table.
#include "contract.h"
#include <sched.h>
#include <sys/mman.h>
#include <sys/syscall.h>

struct udesc {
    unsigned int entry_number, base_addr, limit;
    unsigned int seg_32bit : 1, contents : 2, read_exec_only : 1, limit_in_pages : 1, seg_not_present : 1,
        useable : 1, lm : 1;
};

static long mldt(int func, void *p, unsigned long n) { return syscall(SYS_modify_ldt, func, p, n); }
static unsigned gs_read(void)
{
    unsigned v;
    asm volatile("movl %%gs:0, %0" : "=r"(v));
    return v;
}
static void gs_load(unsigned short sel) { asm volatile("movw %0, %%gs" : : "r"(sel)); }

// Blocks until a child has run, so this process is switched out and back in.
static void switch_away(void)
{
    int fds[2];
    pipe(fds);
    pid_t p = fork();
    if (p == 0) {
        write(fds[1], "x", 1);
        _exit(0);
    }
    char c;
    read(fds[0], &c, 1);
    waitpid(p, NULL, 0);
    close(fds[0]);
    close(fds[1]);
}

int main(int argc, char **argv)
{
    unsigned long long t[4];
    if (argc > 1 && !strcmp(argv[1], "exec")) {
        RET(mldt(0, t, sizeof t));
        return 0;
    }
    unsigned *data = mmap((void *)0x20000000, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    data[0] = 0xcafef00d;
    RET(mldt(0, t, sizeof t));
    memset(t, 0xff, sizeof t);
    RET(mldt(2, t, sizeof t));
    say("default: %#llx %#llx\n", t[0], t[3]);
    RET(mldt(2, t, 1000));
    struct udesc d = {.entry_number = 2, .base_addr = (unsigned)(unsigned long)data, .limit = 0xfff, .seg_32bit = 1,
                      .useable = 1};
    RET(mldt(1, &d, sizeof d));
    memset(t, 0xff, sizeof t);
    RET(mldt(0, t, sizeof t));
    say("table: %#llx %#llx %#llx %#llx\n", t[0], t[1], t[2], t[3]);
    RET(mldt(0, t, 8));
    d.entry_number = 0;
    RET(mldt(0x11, &d, sizeof d));
    RET(mldt(0, t, sizeof t));
    say("table: %#llx %#llx %#llx\n", t[0], t[1], t[2]);
    gs_load((2 << 3) | 4 | 3);
    say("ldt segment reads %#x\n", gs_read());
    switch_away();
    pid_t p = fork();
    if (p == 0) {
        unsigned long long c[3];
        int ok = mldt(0, c, sizeof c) == sizeof c && c[2] == t[2] && gs_read() == 0xcafef00d;
        _exit(ok ? 0 : 1);
    }
    say("child: %s\n", ct_wait(p));
    say("still reads %#x\n", gs_read());
    // Clearing the entry %gs holds reloads it as null.
    struct udesc clear2 = {.entry_number = 2, .read_exec_only = 1, .seg_not_present = 1};
    RET(mldt(0x11, &clear2, sizeof clear2));
    unsigned short sel;
    asm volatile("movw %%gs, %0" : "=r"(sel));
    say("gs after clearing: %#x\n", sel);
    say("still reads %#x\n", gs_read());
    switch_away();
    asm volatile("movw %%gs, %0" : "=r"(sel));
    say("gs after a switch: %#x reads %#x\n", sel, gs_read());
    RET(mldt(0x11, &d, sizeof d));   // entry 0 again (d.entry_number is 0)
    d.entry_number = 2;
    RET(mldt(1, &d, sizeof d));
    gs_load((2 << 3) | 4 | 3);
    // %es keeps an LDT selector across switches, and is reloaded (as null) when its entry goes.
    unsigned short es_sel = (2 << 3) | 4 | 3, got_es;
    asm volatile("movw %0, %%es" : : "r"(es_sel));
    switch_away();
    asm volatile("movw %%es, %0" : "=r"(got_es));
    say("es after a switch %#x\n", got_es);
    RET(mldt(0x11, &clear2, sizeof clear2));
    asm volatile("movw %%es, %0" : "=r"(got_es));
    say("es after clearing %#x\n", got_es);
    RET(mldt(1, &d, sizeof d));
    asm volatile("movw %0, %%es" : : "r"((unsigned short)0));
    gs_load(0);
    // Clearing: the old mode's zero base and limit, the new mode's "empty" description.
    struct udesc c = {.entry_number = 0};
    RET(mldt(1, &c, sizeof c));
    struct udesc e = {.entry_number = 2, .read_exec_only = 1, .seg_not_present = 1};
    RET(mldt(0x11, &e, sizeof e));
    RET(mldt(0, t, sizeof t));
    say("table: %#llx %#llx %#llx\n", t[0], t[1], t[2]);
    // Code segments: only in the new mode and not present.
    struct udesc code = d;
    code.contents = 3;
    RET(mldt(1, &code, sizeof code));
    RET(mldt(0x11, &code, sizeof code));
    code.seg_not_present = 1;
    RET(mldt(0x11, &code, sizeof code));
    // Errors, as unsigned ints.
    RET(mldt(1, &d, 15));
    d.entry_number = 8192;
    RET(mldt(1, &d, sizeof d));
    RET(mldt(1, (void *)8, sizeof d));
    RET(mldt(0, (void *)8, 16));
    RET(mldt(3, t, 16));
    RET(mldt(-1, t, 16));
    fflush(stdout);
    ct_exec_self("exec", NULL);
    return 1;
}
