// SPDX-License-Identifier: MIT
// Read-only shared mappings of a write-sealed memfd (F_SEAL_WRITE, F_SEAL_FUTURE_WRITE) are allowed but can
// never be made writable: mprotect(PROT_WRITE) is EACCES.
#include "contract.h"
#include <sys/mman.h>
#include <sys/syscall.h>
int main(void)
{
    int fd = syscall(SYS_memfd_create, "p", MFD_ALLOW_SEALING);
    ftruncate(fd, 4096);
    RET(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE));
    void *r = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
    say("ro shared after seal: %s\n", r == MAP_FAILED ? ct_errname(errno) : "ok");
    if (r != MAP_FAILED) RET(mprotect(r, 4096, PROT_READ | PROT_WRITE));
    int f2 = syscall(SYS_memfd_create, "q", MFD_ALLOW_SEALING);
    ftruncate(f2, 4096);
    RET(fcntl(f2, F_ADD_SEALS, 0x10));
    r = mmap(NULL, 4096, PROT_READ, MAP_SHARED, f2, 0);
    say("ro shared after future seal: %s\n", r == MAP_FAILED ? ct_errname(errno) : "ok");
    if (r != MAP_FAILED) RET(mprotect(r, 4096, PROT_READ | PROT_WRITE));
    return 0;
}
