// SPDX-License-Identifier: MIT
// /proc/<pid>/stat: 52 fields in Linux's order, a comm with spaces and parentheses, and fields that must
// agree with syscalls and other /proc files (ppid, pgrp, session, threads, exit signal, argument and
// environment ranges); the state letter of running, sleeping, stopped and zombie processes.
#include "contract.h"
#include <sys/prctl.h>

// The fields after the comm (field 3 onward) split in place; returns how many.
static int split_stat(char *text, char **f, int max)
{
    char *p = strrchr(text, ')');
    int n = 0;
    if (!p) return 0;
    for (char *t = strtok(p + 2, " \n"); t && n < max; t = strtok(NULL, " \n")) f[n++] = t;
    return n;
}

static long field(char **f, int linux_index) { return atol(f[linux_index - 3]); }

int main(void)
{
    static char text[4096], copy[4096];
    char *f[64];
    prctl(PR_SET_NAME, "a) (b c");
    ct_read_file("/proc/self/stat", text, sizeof text);
    memcpy(copy, text, sizeof copy);
    say("ends with newline: %d\n", text[strlen(text) - 1] == '\n');
    FACT("pid first", atoi(text) == getpid());
    char *open = strchr(text, '('), *close = strrchr(text, ')');
    say("comm: [%.*s]\n", (int)(close - open - 1), open + 1);
    int n = split_stat(text, f, 64);
    say("fields: %d\n", n + 2);
    say("state: %s\n", f[0]);
    FACT("ppid pgrp session match", field(f, 4) == getppid() && field(f, 5) == getpgrp() && field(f, 6) == getsid(0));
    say("priority %ld nice %ld threads %ld itrealvalue %ld\n", field(f, 18), field(f, 19), field(f, 20), field(f, 21));
    say("rsslim: %s\n", f[25 - 3]);
    say("kstkesp %ld kstkeip %ld\n", field(f, 29), field(f, 30));
    say("exit_signal %ld rt_priority %ld policy %ld exit_code %ld\n", field(f, 38), field(f, 40), field(f, 41), field(f, 52));
    FACT("vsize and rss positive", atoll(f[23 - 3]) > 0 && field(f, 24) > 0);
    FACT("start_code < end_code", strtoull(f[26 - 3], 0, 10) < strtoull(f[27 - 3], 0, 10));
    unsigned long long as = strtoull(f[48 - 3], 0, 10), ae = strtoull(f[49 - 3], 0, 10);
    unsigned long long es = strtoull(f[50 - 3], 0, 10), ee = strtoull(f[51 - 3], 0, 10);
    char buf[8192];
    ssize_t cl = ct_read_file("/proc/self/cmdline", buf, sizeof buf);
    ssize_t el = ct_read_file("/proc/self/environ", buf, sizeof buf);
    FACT("arg_end - arg_start is the cmdline length", ae - as == (unsigned long long)cl);
    FACT("env_end - env_start is the environ length", ee - es == (unsigned long long)el);
    FACT("env_start == arg_end", es == ae);
    // The uptime in seconds bounds the start time in clock ticks.
    double up = 0;
    ct_read_file("/proc/uptime", buf, sizeof buf);
    sscanf(buf, "%lf", &up);
    FACT("starttime <= uptime", field(f, 22) <= (long)(up * sysconf(_SC_CLK_TCK)) + 1);

    // A sleeping child (blocked in read), then a stopped one, then a zombie.
    int p[2];
    pipe(p);
    pid_t pid = fork();
    if (pid == 0) {
        char c;
        read(p[0], &c, 1);
        raise(SIGSTOP);
        _exit(3);
    }
    ct_wait_blocked(pid);
    say("sleeping child: %c\n", ct_proc_state(pid));
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    ct_read_file(path, text, sizeof text);
    split_stat(text, f, 64);
    say("sleeping child wchan field: %ld, ppid is us: %d\n", field(f, 35), field(f, 4) == getpid());
    write(p[1], "x", 1);
    int st;
    waitpid(pid, &st, WUNTRACED);
    say("stopped child: %c\n", ct_proc_state(pid));
    kill(pid, SIGCONT);
    siginfo_t si;
    waitid(P_PID, pid, &si, WEXITED | WNOWAIT);
    say("zombie child: %c\n", ct_proc_state(pid));
    ct_read_file(path, text, sizeof text);
    n = split_stat(text, f, 64);
    say("zombie fields: %d vsize %s rss %ld exit_code %ld\n", n + 2, f[23 - 3], field(f, 24), field(f, 52));
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    ct_read_file(path, buf, sizeof buf);
    char state[32] = "";
    sscanf(strstr(buf, "\nState:") + 8, "%31[^\n]", state);
    say("zombie status has Umask: %d VmSize: %d State: %s\n", strstr(buf, "\nUmask:") != NULL,
        strstr(buf, "\nVmSize:") != NULL, state);
    snprintf(path, sizeof path, "/proc/%d/cmdline", (int)pid);
    say("zombie cmdline bytes: %zd\n", ct_read_file(path, buf, sizeof buf));
    ct_wait(pid);
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    RET(access(path, F_OK));
    return 0;
}
