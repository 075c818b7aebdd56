// SPDX-License-Identifier: MIT
// access/faccessat as root: R/W always granted, X only if some x bit is set; AT_EACCESS with setuid ids.
#include "contract.h"
#include <sys/syscall.h>

int main(void)
{
    ct_write_file("none", "", 0000);
    ct_write_file("ox", "", 0001);
    mkdir("dnone", 0000);
    RET(access("none", R_OK | W_OK));
    RET(access("none", X_OK));
    RET(access("ox", X_OK));
    RET(access("dnone", X_OK));
    RET(access("none", 0x10));
    symlink("missing", "dangling");
    RET(faccessat(AT_FDCWD, "dangling", F_OK, AT_SYMLINK_NOFOLLOW));
    RET(faccessat(AT_FDCWD, "dangling", F_OK, 0));
    RET(faccessat(AT_FDCWD, "none", F_OK, 0x1));
    ct_write_file("mine", "", 0600);
    chown("mine", 1000, 1000);
    pid_t pid = fork();
    if (pid == 0) {
        setresuid(1000, 0, 0);
        RET(access("none", R_OK));
        RET(faccessat(AT_FDCWD, "none", R_OK, AT_EACCESS));
        RET(access("mine", R_OK));
        RET(syscall(SYS_faccessat2, AT_FDCWD, "mine", R_OK, AT_EACCESS));
        _exit(0);
    }
    ct_wait(pid);
    return 0;
}
