// SPDX-License-Identifier: MIT
// F_SETOWN/F_GETOWN/F_GETOWN_EX, O_ASYNC on a pipe delivers SIGIO to the owner, F_SETSIG, F_GETLEASE.
#include "contract.h"

static volatile int got_io, got_sig;
static void h(int s) { if (s == SIGIO) got_io++; else got_sig = s; }

int main(void)
{
    int p[2];
    pipe(p);
    RET(fcntl(p[0], F_GETOWN));
    RET(fcntl(p[0], F_SETOWN, getpid()));
    FACT("getown is us", fcntl(p[0], F_GETOWN) == getpid());
    struct f_owner_ex ex;
    RET(fcntl(p[0], F_GETOWN_EX, &ex));
    say("owner type is PID: %d\n", ex.type == F_OWNER_PID);
    signal(SIGIO, h);
    signal(SIGUSR1, h);
    RET(fcntl(p[0], F_SETFL, O_ASYNC));
    write(p[1], "x", 1);
    say("SIGIO after write: %d\n", got_io);
    RET(fcntl(p[0], F_SETSIG, SIGUSR1));
    RET(fcntl(p[0], F_GETSIG));
    write(p[1], "y", 1);
    say("F_SETSIG signal: %s\n", ct_signame(got_sig));
    RET(fcntl(p[0], F_SETSIG, 99));
    ct_write_file("f", "", 0644);
    int fd = open("f", O_RDONLY);
    RET(fcntl(fd, F_GETLEASE));
    RET(fcntl(p[0], F_SETOWN, 99999999));
    return 0;
}
