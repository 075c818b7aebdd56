// SPDX-License-Identifier: MIT
// NUMA policies on a one-node machine: set_mempolicy/get_mempolicy modes, flags and nodemask checks,
// mbind on part of a mapping (the VMA splits) and MPOL_F_ADDR/MPOL_F_NODE, set_mempolicy_home_node,
// migrate_pages and move_pages statuses and errors, inheritance by fork.
#include "contract.h"
#include <sys/mman.h>
#include <sys/syscall.h>
#ifndef SYS_set_mempolicy_home_node
#define SYS_set_mempolicy_home_node 450
#endif

enum { MPOL_DEFAULT, MPOL_PREFERRED, MPOL_BIND, MPOL_INTERLEAVE, MPOL_LOCAL, MPOL_PREFERRED_MANY };
#define MPOL_F_STATIC_NODES (1 << 15)
#define MPOL_F_RELATIVE_NODES (1 << 14)
#define MPOL_F_NUMA_BALANCING (1 << 13)
#define MPOL_F_NODE 1
#define MPOL_F_ADDR 2
#define MPOL_F_MEMS_ALLOWED 4
#define MPOL_MF_STRICT 1
#define MPOL_MF_MOVE 2
#define MPOL_MF_MOVE_ALL 4
#define MPOL_MF_LAZY 8

static long setp(int mode, unsigned long *m, unsigned long max) { return syscall(SYS_set_mempolicy, mode, m, max); }
static long getp(int *mode, unsigned long *m, unsigned long max, void *addr, unsigned long f)
{
    return syscall(SYS_get_mempolicy, mode, m, max, addr, f);
}
static long mbind_(void *a, unsigned long len, int mode, unsigned long *m, unsigned long max, unsigned f)
{
    return syscall(SYS_mbind, a, len, mode, m, max, f);
}

static void show(const char *what)
{
    int mode = -1;
    unsigned long m[2] = {~0ul, ~0ul};
    long r = getp(&mode, m, 128, NULL, 0);
    say("%s: ret %ld mode %#x mask %#lx %#lx\n", what, r, mode, m[0], m[1]);
}

static int count_maps(void *lo, void *hi)
{
    char b[16384] = {0};
    ct_read_file("/proc/self/maps", b, sizeof b - 1);
    int n = 0;
    for (char *l = b; *l; ) {
        unsigned long s = strtoul(l, NULL, 16);
        if (s >= (unsigned long)lo && s < (unsigned long)hi) n++;
        char *nl = strchr(l, '\n');
        if (!nl) break;
        l = nl + 1;
    }
    return n;
}

int main(void)
{
    show("initial");
    unsigned long one = 1, two = 2, three = 3, zero = 0;
    RET(setp(MPOL_BIND, &one, 2));
    show("bind 0");
    RET(setp(MPOL_INTERLEAVE, &three, 64));
    show("interleave 0,1");
    int node = -1;
    RET(getp(&node, NULL, 0, NULL, MPOL_F_NODE));
    say("next interleave node: %d\n", node);
    RET(setp(MPOL_PREFERRED, &one, 65));
    show("preferred");
    RET(getp(&node, NULL, 0, NULL, MPOL_F_NODE));
    RET(setp(MPOL_PREFERRED, NULL, 0));
    show("preferred nothing = local");
    RET(setp(MPOL_LOCAL, NULL, 0));
    show("local");
    RET(setp(MPOL_PREFERRED_MANY, &one, 2));
    show("preferred many");
    RET(setp(MPOL_BIND | MPOL_F_STATIC_NODES, &three, 4));
    show("bind static 0,1");
    RET(setp(MPOL_INTERLEAVE | MPOL_F_RELATIVE_NODES, &two, 4));
    show("interleave relative 1");
    RET(setp(MPOL_BIND | MPOL_F_NUMA_BALANCING, &one, 2));
    show("bind numa balancing");
    RET(setp(MPOL_DEFAULT, NULL, 0));
    show("default");
    // Errors.
    RET(setp(MPOL_BIND, &two, 4));                 // only node 1: no memory there
    RET(setp(MPOL_BIND, &zero, 4));
    RET(setp(MPOL_BIND, NULL, 4));
    RET(setp(MPOL_DEFAULT, &one, 2));
    RET(setp(MPOL_LOCAL, &one, 2));
    RET(setp(MPOL_PREFERRED | MPOL_F_STATIC_NODES, NULL, 0));
    RET(setp(MPOL_LOCAL | MPOL_F_STATIC_NODES, NULL, 0));
    RET(setp(6, &one, 2));
    RET(setp(-1, &one, 2));
    RET(setp(MPOL_BIND | MPOL_F_STATIC_NODES | MPOL_F_RELATIVE_NODES, &one, 2));
    RET(setp(MPOL_INTERLEAVE | MPOL_F_NUMA_BALANCING, &one, 2));
    RET(setp(MPOL_BIND, (unsigned long *)8, 2));
    RET(setp(MPOL_BIND, &one, 0));
    RET(setp(MPOL_BIND, &one, 1));
    static unsigned long big[512];
    big[0] = 1;
    RET(setp(MPOL_BIND, big, 32769));
    RET(setp(MPOL_BIND, big, 32770));
    big[16] = 1;   // node 1024
    RET(setp(MPOL_BIND, big, 1026));
    RET(setp(MPOL_BIND, big, 1025));
    big[16] = 0;
    big[15] = 1ul << 63;   // node 1023
    RET(setp(MPOL_BIND | MPOL_F_STATIC_NODES, big, 32768));
    show("static with node 1023");
    big[15] = 0;
    RET(setp(MPOL_DEFAULT, NULL, 0));

    // get_mempolicy errors and MPOL_F_MEMS_ALLOWED.
    unsigned long m[2];
    int mode;
    RET(getp(&mode, m, 0, NULL, 0));
    RET(getp(&mode, m, 1, NULL, 0));
    RET(getp(&mode, NULL, 0, NULL, 8));
    RET(getp(&mode, NULL, 0, (void *)4096, 0));
    RET(getp(&mode, NULL, 0, NULL, MPOL_F_NODE));
    RET(getp(&mode, m, 64, NULL, MPOL_F_MEMS_ALLOWED | MPOL_F_NODE));
    m[0] = m[1] = ~0ul;
    RET(getp(&mode, m, 128, NULL, MPOL_F_MEMS_ALLOWED));
    say("mems allowed: mode %d mask %#lx %#lx\n", mode, m[0], m[1]);
    RET(getp((int *)8, NULL, 0, NULL, 0));
    RET(getp(&mode, (unsigned long *)8, 64, NULL, 0));
    RET(getp(&mode, m, 40000, NULL, 0));

    // mbind: per-VMA policy, the mapping splits.
    char *a = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    say("vmas: %d\n", count_maps(a, a + 4 * 4096));
    RET(mbind_(a + 4096, 2 * 4096, MPOL_BIND, &one, 2, 0));
    say("vmas after mbind: %d\n", count_maps(a, a + 4 * 4096));
    RET(getp(&mode, m, 64, a + 4096, MPOL_F_ADDR));
    say("policy at a+4096: %d mask %#lx\n", mode, m[0]);
    RET(getp(&mode, m, 64, a, MPOL_F_ADDR));
    say("policy at a: %d mask %#lx\n", mode, m[0]);
    RET(getp(&node, NULL, 0, a + 4096, MPOL_F_ADDR | MPOL_F_NODE));
    say("node of a+4096: %d\n", node);
    RET(mbind_(a + 4096, 2 * 4096, MPOL_DEFAULT, NULL, 0, 0));
    say("vmas after reset: %d\n", count_maps(a, a + 4 * 4096));
    RET(mbind_(a, 4096, MPOL_INTERLEAVE | MPOL_F_STATIC_NODES, &three, 3, MPOL_MF_STRICT | MPOL_MF_MOVE));
    RET(getp(&mode, m, 64, a, MPOL_F_ADDR));
    say("policy at a: %#x mask %#lx\n", mode, m[0]);
    RET(mbind_(a + 1, 4096, MPOL_BIND, &one, 2, 0));
    RET(mbind_(a, 4096, MPOL_BIND, &one, 2, 16));
    RET(mbind_(a, 4096, MPOL_BIND, &one, 2, MPOL_MF_LAZY));
    RET(mbind_(a, 0, MPOL_BIND, &one, 2, 0));
    RET(mbind_(a, 4096, MPOL_BIND, &two, 4, 0));
    RET(mbind_(a, -4096ul, MPOL_BIND, &one, 2, 0));
    munmap(a + 3 * 4096, 4096);
    RET(mbind_(a + 2 * 4096, 2 * 4096, MPOL_BIND, &one, 2, 0));   // a hole at the end
    RET(mbind_(a + 2 * 4096, 2 * 4096, MPOL_DEFAULT, NULL, 0, 0));
    RET(mbind_(a + 3 * 4096, 4096, MPOL_DEFAULT, NULL, 0, 0));
    RET(getp(&mode, m, 64, a + 3 * 4096, MPOL_F_ADDR));

    // set_mempolicy_home_node.
    RET(syscall(SYS_set_mempolicy_home_node, a + 4096, 4096, 0, 0));   // no policy there: nothing to do
    RET(mbind_(a + 4096, 4096, MPOL_BIND, &one, 2, 0));
    RET(syscall(SYS_set_mempolicy_home_node, a + 4096, 4096, 0, 0));
    RET(syscall(SYS_set_mempolicy_home_node, a, 2 * 4096, 0, 0));      // a has INTERLEAVE
    RET(syscall(SYS_set_mempolicy_home_node, a + 4096, 4096, 1, 0));
    RET(syscall(SYS_set_mempolicy_home_node, a + 4096, 4096, 0, 1));
    RET(syscall(SYS_set_mempolicy_home_node, a + 1, 4096, 0, 0));

    // move_pages: where pages are.
    char *b = mmap(NULL, 3 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    b[0] = 1;                 // written: a page on node 0
    (void)*(volatile char *)(b + 4096);   // read: the zero page
    void *pages[4] = {b, b + 4096, b + 2 * 4096, (void *)4096};
    int status[4] = {9, 9, 9, 9};
    RET(syscall(SYS_move_pages, 0, 4, pages, NULL, status, 0));
    say("status: %d %d %d %d\n", status[0], status[1], status[2], status[3]);
    int fd = open("f", O_RDWR | O_CREAT, 0644);
    write(fd, "data", 4);
    char *fm = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
    void *fp[1] = {fm};
    RET(syscall(SYS_move_pages, 0, 1, fp, NULL, status, 0));
    say("file page before touch: %d\n", status[0]);
    (void)*(volatile char *)fm;
    RET(syscall(SYS_move_pages, 0, 1, fp, NULL, status, 0));
    say("file page after touch: %d\n", status[0]);
    int nodes[2] = {0, 0};
    status[0] = status[1] = 9;
    RET(syscall(SYS_move_pages, 0, 2, pages, nodes, status, MPOL_MF_MOVE));
    say("moved status: %d %d\n", status[0], status[1]);
    nodes[0] = 1;
    RET(syscall(SYS_move_pages, 0, 1, pages, nodes, status, MPOL_MF_MOVE));
    nodes[0] = -1;
    RET(syscall(SYS_move_pages, 0, 1, pages, nodes, status, MPOL_MF_MOVE));
    RET(syscall(SYS_move_pages, 0, 1, pages, NULL, status, 8));
    RET(syscall(SYS_move_pages, 0, 1, (void *)8, NULL, status, 0));
    RET(syscall(SYS_move_pages, 0, 1, pages, NULL, (void *)8, 0));
    RET(syscall(SYS_move_pages, 999999, 1, pages, NULL, status, 0));
    RET(syscall(SYS_move_pages, 0, 0, pages, NULL, status, 0));

    // migrate_pages.
    RET(syscall(SYS_migrate_pages, 0, 2, &one, &one));
    RET(syscall(SYS_migrate_pages, getpid(), 2, &one, &one));
    RET(syscall(SYS_migrate_pages, 0, 4, &one, &two));
    RET(syscall(SYS_migrate_pages, 0, 2, &one, &zero));
    RET(syscall(SYS_migrate_pages, 999999, 2, &one, &one));
    RET(syscall(SYS_migrate_pages, 0, 2, (void *)8, &one));
    RET(syscall(SYS_migrate_pages, 0, 40000, &one, &one));

    // Inherited by fork; the child's change stays its own.
    RET(setp(MPOL_INTERLEAVE, &one, 2));
    pid_t p = fork();
    if (p == 0) {
        int md = -1;
        getp(&md, NULL, 0, NULL, 0);
        setp(MPOL_DEFAULT, NULL, 0);
        _exit(md);
    }
    say("child saw: %s\n", ct_wait(p));
    show("parent keeps");
    p = fork();
    if (p == 0) {
        ct_become_user();
        int ok = setp(MPOL_BIND, &one, 2) == 0;
        ok = ok && syscall(SYS_move_pages, 0, 1, pages, NULL, status, MPOL_MF_MOVE_ALL) == -1 && errno == EPERM;
        ok = ok && mbind_(a, 4096, MPOL_BIND, &one, 2, MPOL_MF_MOVE_ALL) == -1 && errno == EPERM;
        ok = ok && syscall(SYS_migrate_pages, 1, 2, &one, &one) == -1 && errno == EPERM;
        ok = ok && syscall(SYS_move_pages, 1, 1, pages, NULL, status, 0) == -1 && errno == EPERM;
        ok = ok && syscall(SYS_migrate_pages, 0, 4, &one, &three) == -1 && errno == EPERM;
        _exit(ok ? 0 : 1);
    }
    say("unprivileged: %s\n", ct_wait(p));
    return 0;
}
