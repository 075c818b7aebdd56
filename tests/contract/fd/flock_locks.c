// SPDX-License-Identifier: MIT
// flock: shared vs exclusive between open file descriptions, LOCK_NB returns EWOULDBLOCK, inherited over dup.
#include "contract.h"
#include <sys/file.h>

int main(void)
{
    ct_write_file("f", "", 0644);
    int a = open("f", O_RDONLY);
    int b = open("f", O_RDONLY);
    RET(flock(a, LOCK_SH));
    RET(flock(b, LOCK_SH | LOCK_NB));
    RET(flock(b, LOCK_EX | LOCK_NB));
    RET(flock(a, LOCK_UN));
    RET(flock(b, LOCK_EX | LOCK_NB));
    int c = dup(b);
    RET(flock(c, LOCK_EX | LOCK_NB));
    RET(flock(a, LOCK_SH | LOCK_NB));
    close(b);
    RET(flock(a, LOCK_SH | LOCK_NB));
    close(c);
    RET(flock(a, LOCK_EX | LOCK_NB));
    RET(flock(a, 0));
    RET(flock(a, LOCK_SH | LOCK_EX));
    RET(flock(99, LOCK_SH));
    return 0;
}
