// SPDX-License-Identifier: MIT
// uname fields (sysname, machine, non-empty release/version), sethostname/setdomainname and their limits.
#include "contract.h"
#include <sys/utsname.h>
#include <sys/syscall.h>

int main(void)
{
    struct utsname u;
    RET(uname(&u));
    say("sysname: %s\n", u.sysname);
    say("machine: %s\n", u.machine);
    say("release non-empty: %d, starts with digit: %d\n", u.release[0] != 0, u.release[0] >= '0' && u.release[0] <= '9');
    say("version non-empty: %d\n", u.version[0] != 0);
    RET(sethostname("contract-host", 13));
    uname(&u);
    say("nodename: %s\n", u.nodename);
    char h[80];
    RET(gethostname(h, sizeof h));
    say("gethostname: %s\n", h);
    RET(sethostname("x", 65));
    RET(setdomainname("example", 7));
    uname(&u);
    say("domainname: %s\n", u.domainname);
    RET(syscall(63 /* uname */, (void *)8));
    pid_t pid = fork();
    if (pid == 0) { ct_become_user(); RET(sethostname("nope", 4)); _exit(0); }
    ct_wait(pid);
    return 0;
}
