// SPDX-License-Identifier: MIT
// /proc/<pid>/status: Linux 6.1's keys in order, "Key:\tvalue" lines, and values that follow the process:
// umask, credentials (real, effective, saved, filesystem), supplementary groups, signal masks, FDSize.
#include "contract.h"
#include <grp.h>

static char text[8192];

static const char *value(const char *key)
{
    static char ring[8][256];
    static int next;
    char *v = ring[next++ % 8];
    char k[64];
    snprintf(k, sizeof k, "\n%s:\t", key);
    const char *p = strstr(text, k);
    if (!p && strncmp(text, k + 1, strlen(k + 1)) == 0) p = text - 1;
    if (!p) return "(missing)";
    p += strlen(k);
    size_t i = 0;
    while (p[i] && p[i] != '\n' && i + 1 < 256) { v[i] = p[i] == ' ' ? '_' : p[i] == '\t' ? ',' : p[i]; i++; }
    v[i] = 0;
    return v;
}

static void on_signal(int sig) { (void)sig; }

static void load(void) { ct_read_file("/proc/self/status", text, sizeof text); }

int main(void)
{
    load();
    // Every line is "Key:\tvalue"; print the keys in order.
    int bad = 0, lines = 0;
    char keys[4096] = "";
    for (char *line = text; *line; lines++) {
        char *nl = strchr(line, '\n');
        if (!nl) { bad++; break; }
        char *colon = memchr(line, ':', nl - line);
        if (!colon || colon[1] != '\t') bad++;
        else { strncat(keys, line, colon - line); strcat(keys, " "); }
        line = nl + 1;
    }
    say("lines: %d malformed: %d\n", lines, bad);
    say("keys: %s\n", keys);
    FACT("Pid and Tgid are ours", atoi(value("Pid")) == getpid() && atoi(value("Tgid")) == getpid());
    FACT("PPid is our parent", atoi(value("PPid")) == getppid());
    FACT("NSpgid/NSsid match", atoi(value("NSpgid")) == getpgrp() && atoi(value("NSsid")) == getsid(0));
    say("State: %s TracerPid: %s Ngid: %s Threads: %s\n", value("State"), value("TracerPid"), value("Ngid"), value("Threads"));
    say("CapInh %s CapPrm %s CapEff %s CapBnd %s CapAmb %s\n", value("CapInh"), value("CapPrm"), value("CapEff"),
        value("CapBnd"), value("CapAmb"));
    say("NoNewPrivs %s Seccomp %s CoreDumping %s\n", value("NoNewPrivs"), value("Seccomp"), value("CoreDumping"));
    FACT("VmRSS in kB", strstr(value("VmRSS"), "_kB") != NULL);

    umask(027);
    load();
    say("Umask after umask(027): %s\n", value("Umask"));

    // Signal sets: blocked, ignored, caught, pending (thread and process).
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigaddset(&set, SIGTERM);
    sigprocmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);
    signal(SIGUSR2, on_signal);
    raise(SIGUSR1);
    kill(getpid(), SIGTERM);
    load();
    unsigned long long blk = strtoull(value("SigBlk"), 0, 16), ign = strtoull(value("SigIgn"), 0, 16);
    unsigned long long cgt = strtoull(value("SigCgt"), 0, 16), pnd = strtoull(value("SigPnd"), 0, 16);
    unsigned long long shd = strtoull(value("ShdPnd"), 0, 16);
    say("SigBlk width %zu value %016llx\n", strlen(value("SigBlk")), blk);
    say("SIGPIPE ignored: %d SIGUSR2 caught: %d\n", !!(ign & (1ull << (SIGPIPE - 1))), !!(cgt & (1ull << (SIGUSR2 - 1))));
    say("SIGUSR1 pending: thread %d process %d; SIGTERM pending: thread %d process %d\n",
        !!(pnd & (1ull << (SIGUSR1 - 1))), !!(shd & (1ull << (SIGUSR1 - 1))), !!(pnd & (1ull << (SIGTERM - 1))),
        !!(shd & (1ull << (SIGTERM - 1))));

    int fd = dup2(0, 100);
    load();
    say("FDSize with fd 100: %s\n", value("FDSize"));
    close(fd);

    // Credentials and groups, shown by a child that changes its own.
    pid_t pid = fork();
    if (pid == 0) {
        gid_t groups[] = {5, 7, 9};
        setgroups(3, groups);
        setresgid(10, 20, 30);
        setresuid(1, 2, 3);
        load();
        say("child Uid: %s\nchild Gid: %s\nchild Groups: %s\n", value("Uid"), value("Gid"), value("Groups"));
        say("child CapPrm %s CapEff %s\n", value("CapPrm"), value("CapEff"));
        _exit(0);
    }
    ct_wait(pid);
    setgroups(0, NULL);
    load();
    say("no groups: [%s]\n", value("Groups"));
    return 0;
}
