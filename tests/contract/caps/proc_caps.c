// SPDX-License-Identifier: MIT
// CAP_SYS_PTRACE and /proc: another user's environ and cwd link are readable only with it; its
// status and fd directory need no capability; root's own processes stay readable without it.
#include "caps.h"
#include <dirent.h>
#include <sys/uio.h>

static pid_t g_user, g_bare;
static char g_word[8] = "word";

static void try_open(const char *what, int flags)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/%s", (int)g_user, what);
    int fd = open(path, flags);
    say("open %s: %s\n", what, fd >= 0 ? "ok" : ct_errname(errno));
    if (fd >= 0) close(fd);
}

static void probe(void)
{
    try_open("environ", O_RDONLY);
    try_open("status", O_RDONLY);
    char path[64], buf[256];
    snprintf(path, sizeof path, "/proc/%d/cwd", (int)g_user);
    ssize_t n = readlink(path, buf, sizeof buf);
    say("readlink cwd: %s\n", n >= 0 ? "ok" : ct_errname(errno));
    snprintf(path, sizeof path, "/proc/%d/fd", (int)g_user);
    DIR *d = opendir(path);
    say("opendir fd: %s\n", d ? "ok" : ct_errname(errno));
    if (d) closedir(d);
    snprintf(path, sizeof path, "/proc/%d/environ", (int)getppid());
    say("parent environ: %s\n", ct_read_file(path, buf, sizeof buf) >= 0 ? "ok" : ct_errname(errno));
}

// Access with the real ids (process_vm_readv, get_robust_list) compares the target's permitted
// set with the caller's permitted set; /proc (fs ids) with the caller's effective set.
static void same_uid(void)
{
    char buf[8] = "";
    struct iovec local = {buf, sizeof buf}, remote = {g_word, sizeof g_word};
    say("process_vm_readv parent: %s\n", process_vm_readv(getppid(), &local, 1, &remote, 1, 0) == 8 ? buf : ct_errname(errno));
    void *head;
    size_t len;
    RET(syscall(SYS_get_robust_list, getppid(), &head, &len));
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/environ", (int)g_bare);
    say("capless root environ: %s\n", ct_read_file(path, buf, sizeof buf) >= 0 ? "ok" : ct_errname(errno));
    say("own environ: %s\n", ct_read_file("/proc/self/environ", buf, sizeof buf) >= 0 ? "ok" : ct_errname(errno));
}

static void with_ptrace(void) { probe(); }

static void without_ptrace(void)
{
    RET(caps_drop(C_SYS_PTRACE, 0));
    probe();
    same_uid();
    RET(caps_drop(C_SYS_PTRACE, 1));
    same_uid();
}

int main(void)
{
    g_user = caps_user_sleeper();
    int ready[2];
    pipe(ready);
    g_bare = fork();
    if (g_bare == 0) {
        ct_caps none = {0, 0, 0};
        caps_set(&none);
        ct_sync_post(ready);
        for (;;) pause();
    }
    ct_sync_wait(ready);
    caps_step("with SYS_PTRACE", with_ptrace);
    caps_step("without SYS_PTRACE", without_ptrace);
    RET(kill(g_user, SIGKILL));
    say("user: %s\n", ct_wait(g_user));
    RET(kill(g_bare, SIGKILL));
    say("capless root: %s\n", ct_wait(g_bare));
    return 0;
}
