// SPDX-License-Identifier: MIT
// In-guest runner (PID 1 after /init): runs each contract test with a timeout and prints marked output.
//
// Reads a list of "<variant> <test>" lines. For each test it makes a fresh scratch directory /tmp/t, runs
// /ct/ct.<variant> <test> there with stdout+stderr to a file and stdin from /dev/null, waits with a
// timeout, kills every other process (kill(-1) from PID 1), then prints on the console:
//   @@@ BEGIN <test>.<variant>
//   <output>
//   @@@ END <test>.<variant> exit=N | signal=N | timeout  ms=<wall time>
// and at the end "@@@ SUITE DONE <count>", then powers off.
// Kernel command line (read from /proc/cmdline): ctfrom=N starts at the N-th test (0-based; the harness
// uses it to resume after a kernel crash), cttimeout=S sets the per-test timeout (default 30 s; run-suite passes 15).
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SCRATCH "/tmp/t"
#define OUTFILE "/tmp/ct-output"
#define MAX_OUT (256 * 1024)

static volatile sig_atomic_t alarmed;
static void on_alarm(int sig) { (void)sig; alarmed = 1; }

static void put(const char *s) { size_t n = strlen(s); while (n) { ssize_t w = write(1, s, n); if (w <= 0) { if (errno == EINTR) continue; return; } s += w; n -= (size_t)w; } }

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb; (void)flag; (void)ftw;
    if (remove(path) != 0 && errno != ENOENT) {
        chmod(path, 0700);
        remove(path);
    }
    return 0;
}

static void rm_rf(const char *path)
{
    // Make directories searchable first so that non-root tests' chmod 000 trees can be removed.
    nftw(path, rm_entry, 32, FTW_DEPTH | FTW_PHYS);
}

static long cmdline_value(const char *key, long dflt)
{
    char buf[4096];
    int fd = open("/proc/cmdline", O_RDONLY);
    if (fd < 0) {
        const char *e = getenv(key);
        return e ? atol(e) : dflt;
    }
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0) return dflt;
    buf[n] = 0;
    size_t kl = strlen(key);
    for (char *p = buf; (p = strstr(p, key)); p += kl) {
        if ((p == buf || p[-1] == ' ') && p[kl] == '=') return atol(p + kl + 1);
    }
    return dflt;
}

static void kill_others_and_reap(void)
{
    if (getpid() == 1) kill(-1, SIGKILL);
    int st;
    while (waitpid(-1, &st, getpid() == 1 ? 0 : WNOHANG) > 0) {}
}

static void run_one(const char *variant, const char *test, int timeout)
{
    char label[512], bin[256], line[700];
    snprintf(label, sizeof label, "%s.%s", test, variant);
    snprintf(bin, sizeof bin, "/ct/ct.%s", variant);
    rm_rf(SCRATCH);
    unlink(OUTFILE);
    mkdir(SCRATCH, 0755);
    int out = open(OUTFILE, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    snprintf(line, sizeof line, "@@@ BEGIN %s\n", label);
    put(line);

    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid == 0) {
        sigset_t none;
        sigemptyset(&none);
        signal(SIGALRM, SIG_DFL);
        sigprocmask(SIG_SETMASK, &none, NULL);
        setpgid(0, 0);
        if (chdir(SCRATCH) != 0) _exit(126);
        int in = open("/dev/null", O_RDONLY);
        if (in < 0) in = open("/", O_RDONLY);
        dup2(in, 0);
        dup2(out, 1);
        dup2(out, 2);
        for (int fd = 3; fd < 64; fd++) close(fd);
        umask(022);
        char *argv[] = {bin, (char *)test, NULL};
        char *envp[] = {"PATH=/bin:/sbin", "HOME=/tmp", "LANG=C", "TERM=linux", NULL};
        execve(bin, argv, envp);
        _exit(127);
    }
    close(out);
    char verdict[64] = "exit=127";
    if (pid < 0) {
        snprintf(verdict, sizeof verdict, "forkfail");
    } else {
        alarmed = 0;
        alarm((unsigned)timeout);
        for (;;) {
            int st;
            pid_t r = waitpid(-1, &st, 0);
            if (r == pid) {
                if (WIFEXITED(st)) snprintf(verdict, sizeof verdict, "exit=%d", WEXITSTATUS(st));
                else if (WIFSIGNALED(st)) snprintf(verdict, sizeof verdict, "signal=%d", WTERMSIG(st));
                break;
            }
            if (r == -1 && errno == EINTR && alarmed) {
                snprintf(verdict, sizeof verdict, "timeout");
                kill(-pid, SIGKILL);
                kill(pid, SIGKILL);
                waitpid(pid, &st, 0);
                break;
            }
            if (r == -1 && errno == ECHILD) { snprintf(verdict, sizeof verdict, "lost"); break; }
        }
        alarm(0);
    }
    kill_others_and_reap();
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;

    int in = open(OUTFILE, O_RDONLY);
    char buf[4096];
    size_t total = 0;
    char last = '\n';
    if (in >= 0) {
        ssize_t n;
        while ((n = read(in, buf, sizeof buf)) > 0 && total < MAX_OUT) {
            (void)!write(1, buf, (size_t)n);
            total += (size_t)n;
            last = buf[n - 1];
        }
        close(in);
    }
    if (last != '\n') put("\n");
    if (total >= MAX_OUT) put("@@@ OUTPUT TRUNCATED\n");
    snprintf(line, sizeof line, "@@@ END %s %s ms=%ld\n", label, verdict, ms);
    put(line);
}

int main(int argc, char **argv)
{
    const char *list = argc > 1 ? argv[1] : "/ct/list";
    long from = cmdline_value("ctfrom", 0);
    int timeout = (int)cmdline_value("cttimeout", 30);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sigaction(SIGALRM, &sa, NULL);

    FILE *f = fopen(list, "r");
    if (!f) {
        put("@@@ NOTE cannot open test list\n");
    } else {
        char line[600];
        long index = 0, ran = 0;
        char msg[128];
        snprintf(msg, sizeof msg, "@@@ SUITE START from=%ld\n", from);
        put(msg);
        while (fgets(line, sizeof line, f)) {
            char variant[64], test[500];
            if (sscanf(line, "%63s %499s", variant, test) != 2) continue;
            if (index++ < from) continue;
            run_one(variant, test, timeout);
            ran++;
        }
        fclose(f);
        snprintf(msg, sizeof msg, "@@@ SUITE DONE %ld\n", ran);
        put(msg);
    }
    sync();
    if (getpid() == 1) {
        reboot(RB_POWER_OFF);
        put("@@@ NOTE reboot(RB_POWER_OFF) failed\n");
        for (;;) pause();
    }
    return 0;
}
