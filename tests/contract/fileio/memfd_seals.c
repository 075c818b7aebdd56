// SPDX-License-Identifier: MIT
// memfd_create's argument checks and the seals memfd.c leaves out: names at the length limit, future-write,
// seals through O_TRUNC and a read-only descriptor, EBUSY for any shared mapping, and the maps name.
#include "contract.h"
#include <sys/mman.h>
#include <sys/syscall.h>

#ifndef F_SEAL_FUTURE_WRITE
#define F_SEAL_FUTURE_WRITE 0x10
#endif

int main(void)
{
    char name[300];
    memset(name, 'n', sizeof name);
    name[249] = 0;
    int fd = syscall(SYS_memfd_create, name, 0);
    say("249-byte name: %s\n", fd >= 0 ? "ok" : ct_errname(errno));
    close(fd);
    name[249] = 'n';
    name[250] = 0;
    RET(syscall(SYS_memfd_create, name, 0));
    RET(syscall(SYS_memfd_create, (char *)1, 0));
    RET(syscall(SYS_memfd_create, "x", MFD_CLOEXEC | 0x100));

    fd = syscall(SYS_memfd_create, "seals", MFD_ALLOW_SEALING);
    RET(fcntl(fd, F_GET_SEALS));
    RET(ftruncate(fd, 8192));
    struct stat st;
    fstat(fd, &st);
    say("mode %o nlink %ld size %ld\n", st.st_mode, (long)st.st_nlink, (long)st.st_size);
    char *ro = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0);
    RET(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE));
    munmap(ro, 4096);
    char *priv = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    RET(fcntl(fd, F_ADD_SEALS, F_SEAL_FUTURE_WRITE));
    priv[0] = 'p';
    say("private copy still writable: %c\n", priv[0]);
    RET(pwrite(fd, "x", 1, 0));
    void *w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    say("shared writable map after future-write seal: %s\n", w == MAP_FAILED ? ct_errname(errno) : "ok");
    RET(ftruncate(fd, 100));
    RET(fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK));
    RET(ftruncate(fd, 100));
    RET(ftruncate(fd, 10000));
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    int ro_fd = open(path, O_RDONLY);
    RET(fcntl(ro_fd, F_GET_SEALS));
    RET(fcntl(ro_fd, F_ADD_SEALS, F_SEAL_GROW));
    RET(open(path, O_RDWR | O_TRUNC));
    RET(fcntl(fd, F_ADD_SEALS, 0x4000));

    int plain = syscall(SYS_memfd_create, "plain", 0);
    RET(write(plain, "abc", 3));
    char *m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, plain, 0);
    static char maps[16384];
    ct_read_file("/proc/self/maps", maps, sizeof maps);
    char *line = strstr(maps, "/memfd:plain");
    char *end = line ? strchr(line, '\n') : NULL;
    if (end) *end = 0;
    say("maps name: %s\n", line ? line : "missing");
    say("through the map: %.3s\n", m);
    ct_write_file("tmpf", "", 0644);
    int t = open("tmpf", O_RDWR);
    RET(fcntl(t, F_GET_SEALS));
    RET(fcntl(t, F_ADD_SEALS, F_SEAL_GROW));
    return 0;
}
