// SPDX-License-Identifier: MIT
// /proc/self/status and /proc/self/stat: names, state, ppid, uids and field count agree with syscalls.
#include "contract.h"

static const char *field(const char *text, const char *key, char *out, size_t cap)
{
    const char *p = strstr(text, key);
    if (!p) return NULL;
    p += strlen(key);
    while (*p == ' ' || *p == '\t') p++;
    size_t i = 0;
    while (p[i] && p[i] != '\n' && i + 1 < cap) { out[i] = p[i]; i++; }
    out[i] = 0;
    return out;
}

int main(void)
{
    static char text[8192];
    char v[128];
    ct_read_file("/proc/self/status", text, sizeof text);
    say("Name: %s\n", field(text, "\nState:", v, sizeof v) ? "present" : "missing");
    say("State: %s\n", field(text, "\nState:", v, sizeof v));
    field(text, "\nPid:", v, sizeof v);
    FACT("Pid matches", atoi(v) == getpid());
    field(text, "\nPPid:", v, sizeof v);
    FACT("PPid matches", atoi(v) == getppid());
    say("Uid: %s\n", field(text, "\nUid:", v, sizeof v));
    say("Gid: %s\n", field(text, "\nGid:", v, sizeof v));
    say("Threads: %s\n", field(text, "\nThreads:", v, sizeof v));
    FACT("has SigBlk", strstr(text, "\nSigBlk:") != NULL);
    FACT("has VmRSS", strstr(text, "\nVmRSS:") != NULL);
    ct_read_file("/proc/self/stat", text, sizeof text);
    char *rp = strrchr(text, ')');
    char state;
    int ppid, pgrp, session;
    sscanf(rp + 2, "%c %d %d %d", &state, &ppid, &pgrp, &session);
    say("stat state: %c\n", state);
    FACT("stat ppid/pgrp/session match", ppid == getppid() && pgrp == getpgrp() && session == getsid(0));
    int fields = 0;
    for (char *t = strtok(rp + 2, " \n"); t; t = strtok(NULL, " \n")) fields++;
    say("stat fields after comm: %d\n", fields);
    FACT("comm in parens is binary name", strncmp(strchr(text, '(') + 1, "ct.", 3) == 0);
    pid_t pid = fork();
    if (pid == 0) { raise(SIGSTOP); _exit(0); }
    int st;
    waitpid(pid, &st, WUNTRACED);
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    ct_read_file(path, text, sizeof text);
    say("stopped child state: %c\n", strrchr(text, ')')[2]);
    kill(pid, SIGKILL);
    waitpid(pid, &st, 0);
    RET(access(path, F_OK));
    return 0;
}
