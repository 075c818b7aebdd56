// SPDX-License-Identifier: MIT
// /proc/<pid> directories appear for live processes and vanish after reaping; task/ lists the thread.
#include "contract.h"
#include <dirent.h>

int main(void)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d", getpid());
    struct stat st;
    RET(stat(path, &st));
    say("dir: %d uid: %d\n", S_ISDIR(st.st_mode), st.st_uid);
    pid_t pid = fork();
    if (pid == 0) { setuid(1000); pause(); _exit(0); }
    ct_wait_blocked(pid);
    snprintf(path, sizeof path, "/proc/%d", pid);
    stat(path, &st);
    say("child dir uid: %d\n", st.st_uid);
    snprintf(path, sizeof path, "/proc/%d/task", pid);
    DIR *d = opendir(path);
    int tasks = 0, self = 0;
    struct dirent *e;
    while ((e = readdir(d))) if (e->d_name[0] != '.') { tasks++; self |= atoi(e->d_name) == pid; }
    closedir(d);
    say("tasks: %d includes pid: %d\n", tasks, self);
    int found = 0;
    d = opendir("/proc");
    while ((e = readdir(d))) if (atoi(e->d_name) == pid) found = 1;
    closedir(d);
    say("listed in /proc: %d\n", found);
    kill(pid, SIGKILL);
    ct_wait(pid);
    snprintf(path, sizeof path, "/proc/%d", pid);
    RET(stat(path, &st));
    found = 0;
    d = opendir("/proc");
    while ((e = readdir(d))) if (atoi(e->d_name) == pid) found = 1;
    closedir(d);
    say("listed after reaping: %d\n", found);
    RET(stat("/proc/1", &st));
    return 0;
}
