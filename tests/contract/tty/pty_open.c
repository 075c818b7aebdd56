// SPDX-License-Identifier: MIT
// /dev/ptmx: grantpt/unlockpt/ptsname, slave locked until unlockpt (EIO), TIOCGPTN, isatty, ttyname.
#include "contract.h"
#include <sys/ioctl.h>

int main(void)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    say("ptmx: %s\n", m >= 0 ? "ok" : ct_errname(errno));
    char *name = ptsname(m);
    say("ptsname under /dev/pts/: %d\n", name && strncmp(name, "/dev/pts/", 9) == 0);
    unsigned n = 99;
    RET(ioctl(m, TIOCGPTN, &n));
    char expect[32];
    snprintf(expect, sizeof expect, "/dev/pts/%u", n);
    FACT("TIOCGPTN matches ptsname", name && strcmp(name, expect) == 0);
    int s = open(name, O_RDWR | O_NOCTTY);
    say("open before unlockpt: %s\n", s >= 0 ? "ok" : ct_errname(errno));
    RET(grantpt(m));
    RET(unlockpt(m));
    s = open(name, O_RDWR | O_NOCTTY);
    say("open after unlockpt: %s\n", s >= 0 ? "ok" : ct_errname(errno));
    say("isatty master %d slave %d pipe %d\n", isatty(m), isatty(s), isatty(0));
    say("ttyname(slave) matches: %d\n", ttyname(s) && strcmp(ttyname(s), name) == 0);
    struct stat st;
    fstat(s, &st);
    say("slave: chr=%d major=%u\n", S_ISCHR(st.st_mode), major(st.st_rdev));
    fstat(m, &st);
    say("master: chr=%d major=%u minor=%u\n", S_ISCHR(st.st_mode), major(st.st_rdev), minor(st.st_rdev));
    RET(ioctl(s, TIOCGPTN, &n));
    return 0;
}
