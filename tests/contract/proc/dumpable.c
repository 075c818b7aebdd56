// SPDX-License-Identifier: MIT
// Dumpability: PR_GET/SET_DUMPABLE, cleared by id changes (setuid, setfsuid) and PR_SET_DUMPABLE(0), restored
// by exec; a non-dumpable process's /proc files belong to root but it may still list its own fd/.
#include "contract.h"
#include <sys/fsuid.h>
#include <sys/prctl.h>
#include <dirent.h>

static int status_uid(void)
{
    struct stat st;
    stat("/proc/self/status", &st);
    return (int)st.st_uid;
}

int main(int argc, char **argv)
{
    if (argc > 1) {
        say("after exec: dumpable %d\n", prctl(PR_GET_DUMPABLE));
        return 0;
    }
    say("initial: dumpable %d\n", prctl(PR_GET_DUMPABLE));
    RET(prctl(PR_SET_DUMPABLE, 2));
    RET(prctl(PR_SET_DUMPABLE, -1L));
    pid_t pid = fork();
    if (pid == 0) {
        RET(prctl(PR_SET_DUMPABLE, 0));
        say("root, set 0: dumpable %d status uid %d\n", prctl(PR_GET_DUMPABLE), status_uid());
        pid_t g = fork();
        if (g == 0) {
            say("fork child: dumpable %d\n", prctl(PR_GET_DUMPABLE));
            _exit(0);
        }
        ct_wait(g);
        char *args[] = {(char *)ct_exe, (char *)ct_name, "again", NULL};
        execv("/proc/self/exe", args);
        say("execv: %s\n", ct_errname(errno));
        _exit(1);
    }
    ct_wait(pid);
    pid = fork();
    if (pid == 0) {
        setfsuid(1000);
        say("after setfsuid: dumpable %d\n", prctl(PR_GET_DUMPABLE));
        setfsuid(0);
        RET(prctl(PR_SET_DUMPABLE, 1));
        RET(setresuid(0, 0, 0));
        say("setresuid to the same ids: dumpable %d\n", prctl(PR_GET_DUMPABLE));
        ct_become_user();
        say("user: dumpable %d status uid %d\n", prctl(PR_GET_DUMPABLE), status_uid());
        DIR *d = opendir("/proc/self/fd");
        say("user: own fd dir: %s\n", d ? "ok" : ct_errname(errno));
        RET(open("/proc/self/fdinfo/0", O_RDONLY) >= 0);
        RET(prctl(PR_SET_DUMPABLE, 1));
        say("user, set 1: status uid %d\n", status_uid());
        _exit(0);
    }
    ct_wait(pid);
    return 0;
}
