// SPDX-License-Identifier: MIT
// process_vm_readv/process_vm_writev: copies to and from a child, partial transfers at an
// unmapped page, argument errors, and the permission rule for another user's process.
#include "contract.h"
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>

static long vm_read(pid_t pid, struct iovec *l, unsigned long ln, struct iovec *r, unsigned long rn, unsigned long fl)
{
    return syscall(SYS_process_vm_readv, pid, l, ln, r, rn, fl);
}
static long vm_write(pid_t pid, struct iovec *l, unsigned long ln, struct iovec *r, unsigned long rn, unsigned long fl)
{
    return syscall(SYS_process_vm_writev, pid, l, ln, r, rn, fl);
}

static char data[64] = "the child's data";
static char *region;   // two pages, the second unmapped

int main(void)
{
    long page = sysconf(_SC_PAGESIZE);
    region = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    memset(region, 'r', page);
    munmap(region + page, page);
    char *ro = mmap(NULL, page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    int p[2], q[2];
    (void)!pipe(p);
    (void)!pipe(q);
    pid_t c = fork();
    if (c == 0) {
        strcpy(data, "changed in the child");
        ct_sync_post(p);
        ct_sync_wait(q);
        // Report what the parent wrote.
        (void)!write(p[1], data, sizeof data);
        _exit(0);
    }
    ct_sync_wait(p);
    char buf[64] = {0}, buf2[8] = {0};
    struct iovec l = {buf, sizeof buf}, r = {data, sizeof data};
    RET(vm_read(c, &l, 1, &r, 1, 0));
    say("read: %s\n", buf);
    // Scatter: two local pieces from one remote range, and two remote ranges into one buffer.
    struct iovec l2[2] = {{buf2, 7}, {buf, 5}};
    memset(buf, 0, sizeof buf);
    RET(vm_read(c, l2, 2, &r, 1, 0));
    say("scatter: %.7s|%.5s\n", buf2, buf);
    struct iovec r2[2] = {{data + 11, 9}, {data, 8}};
    memset(buf, 0, sizeof buf);
    RET(vm_read(c, &l, 1, r2, 2, 0));
    say("gather: %s\n", buf);
    // Partial: the remote range runs into the unmapped page.
    char *big = malloc(2 * page);
    struct iovec lb = {big, 2 * page}, rb = {region + page - 10, 100};
    RET(vm_read(c, &lb, 1, &rb, 1, 0));
    struct iovec rbad = {region + page, 10};
    RET(vm_read(c, &lb, 1, &rbad, 1, 0));
    struct iovec rmix[2] = {{data, 4}, {region + page, 10}};
    RET(vm_read(c, &lb, 1, rmix, 2, 0));
    struct iovec lbad = {(void *)8, 16};
    RET(vm_read(c, &lbad, 1, &r, 1, 0));
    // Zero-length vectors return 0 before the pid is even looked up.
    struct iovec lz = {buf, 0};
    RET(vm_read(999999, &lz, 1, &r, 1, 0));
    RET(vm_read(999999, &l, 1, &r, 0, 0));
    RET(vm_read(999999, &l, 1, &r, 1, 0));
    RET(vm_read(c, &l, 1, &r, 1, 1));
    RET(vm_read(c, &l, 1025, &r, 1, 0));
    RET(vm_read(c, &l, 1, &r, 1025, 0));
    RET(vm_read(c, &l, 1, (struct iovec *)8, 1, 0));
    RET(vm_read(c, (struct iovec *)8, 1, &r, 1, 0));
    struct iovec rneg = {data, (size_t)-1};
    RET(vm_read(c, &l, 1, &rneg, 1, 0));

    // Write: into the child's data, and not into its read-only page.
    strcpy(buf, "written by the parent");
    struct iovec lw = {buf, strlen(buf) + 1};
    RET(vm_write(c, &lw, 1, &r, 1, 0));
    struct iovec rro = {ro, 8};
    RET(vm_write(c, &lw, 1, &rro, 1, 0));
    struct iovec rw_partial = {region + page - 4, 16};
    RET(vm_write(c, &lw, 1, &rw_partial, 1, 0));
    ct_sync_post(q);
    char back[64] = {0};
    (void)!read(p[0], back, sizeof back);
    say("child sees: %s\n", back);
    say("child: %s\n", ct_wait(c));
    // A reaped process is gone.
    RET(vm_read(c, &l, 1, &r, 1, 0));
    // Self works too.
    RET(vm_read(getpid(), &l, 1, &r, 1, 0));

    c = fork();
    if (c == 0) {
        ct_become_user();
        RET(vm_read(1, &l, 1, &r, 1, 0));
        RET(vm_write(1, &lw, 1, &r, 1, 0));
        _exit(0);
    }
    say("user: %s\n", ct_wait(c));
    return 0;
}
