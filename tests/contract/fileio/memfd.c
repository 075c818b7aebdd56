// SPDX-License-Identifier: MIT
// memfd_create: anonymous files with sizes, mmap sharing, seals (F_ADD_SEALS/F_GET_SEALS) and their effects.
#include "contract.h"
#include <sys/mman.h>
#include <sys/syscall.h>

#ifndef MFD_CLOEXEC
#define MFD_CLOEXEC 1U
#define MFD_ALLOW_SEALING 2U
#endif
#ifndef F_ADD_SEALS
#define F_ADD_SEALS 1033
#define F_GET_SEALS 1034
#define F_SEAL_SEAL 1
#define F_SEAL_SHRINK 2
#define F_SEAL_GROW 4
#define F_SEAL_WRITE 8
#endif

int main(void)
{
    int fd = syscall(SYS_memfd_create, "ct", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    say("memfd: %d cloexec: %d\n", fd >= 0, fcntl(fd, F_GETFD) & FD_CLOEXEC);
    RET(write(fd, "hello", 5));
    RET(ftruncate(fd, 4096));
    char *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    m[0] = 'J';
    char buf[8] = {0};
    pread(fd, buf, 5, 0);
    say("through mapping: %s\n", buf);
    RET(fcntl(fd, F_GET_SEALS));
    RET(fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW));
    RET(ftruncate(fd, 100));
    RET(ftruncate(fd, 8192));
    RET(pwrite(fd, "x", 1, 5000));
    RET(pwrite(fd, "x", 1, 10));
    RET(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE));
    munmap(m, 4096);
    RET(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE));
    RET(write(fd, "x", 1));
    void *w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    say("writable shared map after F_SEAL_WRITE: %s\n", w == MAP_FAILED ? ct_errname(errno) : "ok");
    RET(fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL));
    RET(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE));
    RET(fcntl(fd, F_GET_SEALS));
    int plain = syscall(SYS_memfd_create, "ct2", 0);
    RET(fcntl(plain, F_ADD_SEALS, F_SEAL_WRITE));
    RET(fcntl(plain, F_GET_SEALS));
    char link[64], target[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", plain);
    ssize_t n = readlink(link, target, sizeof target - 1);
    target[n > 0 ? n : 0] = 0;
    say("link: %s\n", target);
    RET(syscall(SYS_memfd_create, "x", 0x1000));
    return 0;
}
