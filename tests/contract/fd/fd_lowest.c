// SPDX-License-Identifier: MIT
// New descriptors take the lowest free number; closing 0-2 makes them reusable; close errors.
#include "contract.h"

int main(void)
{
    int a = open("/dev/null", O_RDONLY);
    int b = open("/dev/null", O_RDONLY);
    int c = open("/dev/null", O_RDONLY);
    say("fds: %d %d %d\n", a, b, c);
    close(b);
    RET(open("/dev/null", O_RDONLY));
    close(a);
    close(c);
    int p[2];
    pipe(p);
    say("pipe: %d %d\n", p[0], p[1]);
    int saved = dup(2);
    close(0);
    RET(open("/dev/null", O_RDONLY));
    RET(close(1000));
    RET(close(-1));
    RET(close(p[0]));
    RET(close(p[0]));
    dup2(saved, 2);
    RET(getdtablesize() > 0);
    return 0;
}
