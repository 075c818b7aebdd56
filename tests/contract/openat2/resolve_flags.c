// SPDX-License-Identifier: MIT
// openat2: struct open_how size rules (EINVAL, E2BIG), strict flag/mode checking, and the RESOLVE_* scoping
// flags: NO_SYMLINKS (ELOOP), BENEATH (EXDEV on escapes), IN_ROOT (the dirfd is "/"), NO_XDEV, CACHED.
#include "contract.h"
#include <sys/syscall.h>

#ifndef SYS_openat2
#define SYS_openat2 437
#endif
#define R_NO_XDEV 0x01
#define R_NO_MAGICLINKS 0x02
#define R_NO_SYMLINKS 0x04
#define R_BENEATH 0x08
#define R_IN_ROOT 0x10
#define R_CACHED 0x20

struct how { uint64_t flags, mode, resolve; };
struct how_big { uint64_t flags, mode, resolve, extra; };

static long o2(int dfd, const char *path, uint64_t flags, uint64_t mode, uint64_t resolve)
{
    struct how h = {flags, mode, resolve};
    return syscall(SYS_openat2, dfd, path, &h, sizeof h);
}

static void try_open(const char *label, int dfd, const char *path, uint64_t flags, uint64_t resolve)
{
    long fd = o2(dfd, path, flags, 0, resolve);
    if (fd < 0) { say("%s: %s\n", label, ct_errname(errno)); return; }
    char buf[16] = {0};
    if (read((int)fd, buf, sizeof buf - 1) < 0) strcpy(buf, "(no read)");
    say("%s: ok \"%s\"\n", label, buf);
    close((int)fd);
}

int main(void)
{
    mkdir("root", 0755);
    mkdir("root/sub", 0755);
    ct_write_file("root/sub/f", "inner", 0644);
    ct_write_file("root/f", "rootf", 0644);
    ct_write_file("outside", "outer", 0644);
    symlink("sub/f", "root/rel");
    symlink("/f", "root/abs");
    symlink("../outside", "root/up");
    symlink("sub", "root/subdir");
    int dfd = open("root", O_RDONLY | O_DIRECTORY);

    struct how h = {O_RDONLY, 0, 0};
    RET(syscall(SYS_openat2, dfd, "f", &h, 8));
    RET(syscall(SYS_openat2, dfd, "f", &h, 0));
    struct how_big big = {O_RDONLY, 0, 0, 0};
    OK(syscall(SYS_openat2, dfd, "f", &big, sizeof big));
    big.extra = 1;
    RET(syscall(SYS_openat2, dfd, "f", &big, sizeof big));
    RET(syscall(SYS_openat2, dfd, "f", &h, 8192));
    RET(syscall(SYS_openat2, dfd, "f", (void *)8, sizeof h));
    RET(o2(dfd, "f", 1ULL << 40, 0, 0));
    RET(o2(dfd, "f", 0x40000000, 0, 0));
    RET(o2(dfd, "f", O_RDONLY, 0644, 0));
    RET(o2(dfd, "new", O_CREAT | O_WRONLY, 010000, 0));
    RET(o2(dfd, "f", O_RDONLY, 0, 0x40));
    RET(o2(dfd, "f", O_RDONLY, 0, R_BENEATH | R_IN_ROOT));
    RET(o2(dfd, "f", O_RDONLY, 0, R_CACHED | 0));
    RET(o2(dfd, "new", O_CREAT | O_WRONLY, 0644, R_CACHED));
    RET(o2(dfd, "f", O_PATH | O_RDWR, 0, 0));
    long fd = o2(dfd, "f", O_RDONLY | O_CLOEXEC, 0, 0);
    FACT("O_LARGEFILE reported", fcntl((int)fd, F_GETFL) & 0100000);
    FACT("cloexec set", fcntl((int)fd, F_GETFD) & FD_CLOEXEC);

    try_open("plain rel link", dfd, "rel", O_RDONLY, 0);
    try_open("no_symlinks rel link", dfd, "rel", O_RDONLY, R_NO_SYMLINKS);
    try_open("no_symlinks in the middle", dfd, "subdir/f", O_RDONLY, R_NO_SYMLINKS);
    OK(o2(dfd, "rel", O_PATH | O_NOFOLLOW, 0, R_NO_SYMLINKS));
    try_open("no_symlinks plain file", dfd, "sub/f", O_RDONLY, R_NO_SYMLINKS);
    try_open("beneath sub/f", dfd, "sub/f", O_RDONLY, R_BENEATH);
    try_open("beneath sub/../f", dfd, "sub/../f", O_RDONLY, R_BENEATH);
    try_open("beneath ../outside", dfd, "../outside", O_RDONLY, R_BENEATH);
    try_open("beneath absolute", dfd, "/tmp/t/outside", O_RDONLY, R_BENEATH);
    try_open("beneath abs link", dfd, "abs", O_RDONLY, R_BENEATH);
    try_open("beneath up link", dfd, "up", O_RDONLY, R_BENEATH);
    try_open("beneath rel link", dfd, "rel", O_RDONLY, R_BENEATH);
    try_open("in_root ../f", dfd, "../f", O_RDONLY, R_IN_ROOT);
    try_open("in_root /f", dfd, "/f", O_RDONLY, R_IN_ROOT);
    try_open("in_root abs link", dfd, "abs", O_RDONLY, R_IN_ROOT);
    try_open("in_root up link", dfd, "up", O_RDONLY, R_IN_ROOT);
    try_open("plain abs link", dfd, "abs", O_RDONLY, 0);
    try_open("in_root missing", dfd, "sub/nope", O_RDONLY, R_IN_ROOT);
    RET(o2(dfd, "sub/created", O_CREAT | O_EXCL | O_WRONLY, 0600, R_BENEATH) >= 0);
    RET(o2(dfd, "../escape", O_CREAT | O_WRONLY, 0600, R_BENEATH));
    RET(access("escape", F_OK));

    int tdfd = open("/tmp", O_RDONLY | O_DIRECTORY);
    try_open("no_xdev within", dfd, "sub/f", O_RDONLY, R_NO_XDEV);
    try_open("no_xdev into a mount", AT_FDCWD, "/dev/null", O_RDONLY, R_NO_XDEV);
    RET(o2(tdfd, "..", O_RDONLY | O_DIRECTORY, 0, R_NO_XDEV));
    RET(o2(tdfd, "t", O_RDONLY | O_DIRECTORY, 0, R_NO_XDEV) >= 0);
    int filefd = open("outside", O_RDONLY);
    RET(o2(filefd, "x", O_RDONLY, 0, R_IN_ROOT));
    RET(o2(99, "x", O_RDONLY, 0, R_BENEATH));
    return 0;
}
