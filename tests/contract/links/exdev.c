// SPDX-License-Identifier: MIT
// Cross-filesystem operations: link and rename between /tmp and /dev/shm fail with EXDEV; copy works.
#include "contract.h"

int main(void)
{
    ct_write_file("f", "data", 0644);
    RET(link("f", "/dev/shm/ct-link"));
    RET(rename("f", "/dev/shm/ct-moved"));
    mkdir("d", 0755);
    RET(rename("d", "/dev/shm/ct-dir"));
    RET(access("f", F_OK));
    ct_write_file("/dev/shm/ct-other", "x", 0644);
    RET(rename("/dev/shm/ct-other", "/dev/shm/ct-renamed"));
    RET(symlink("/tmp/t/f", "/dev/shm/ct-sym"));
    char buf[8] = {0};
    ct_read_file("/dev/shm/ct-sym", buf, sizeof buf);
    say("cross-fs symlink reads: %s\n", buf);
    unlink("/dev/shm/ct-sym");
    unlink("/dev/shm/ct-renamed");
    return 0;
}
