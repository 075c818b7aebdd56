// SPDX-License-Identifier: MIT
// PID 1 starts in process group 0 and session 0 (it inherits them from the kernel's idle task),
// so it leads neither; /proc/1/stat shows the same.
#include "contract.h"

int main(void)
{
    say("getpgid(1) %d getsid(1) %d\n", (int)getpgid(1), (int)getsid(1));
    char buf[1024];
    if (ct_read_file("/proc/1/stat", buf, sizeof buf) > 0) {
        char *p = strrchr(buf, ')');
        char state;
        int ppid, pgrp, session;
        if (p && sscanf(p + 2, "%c %d %d %d", &state, &ppid, &pgrp, &session) == 4)
            say("/proc/1/stat ppid %d pgrp %d session %d\n", ppid, pgrp, session);
    }
    return 0;
}
