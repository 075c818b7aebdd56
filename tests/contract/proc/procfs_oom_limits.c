// SPDX-License-Identifier: MIT
// /proc/<pid>/oom_score_adj and oom_adj (ranges, parsing, the legacy scale, the floor an unprivileged
// process may not go below, both inherited by fork) and /proc/<pid>/limits (its table layout, values following setrlimit, the
// same table seen from another process).
#include "contract.h"
#include <sys/prctl.h>
#include <sys/resource.h>

static char buf[4096];

static const char *get(const char *path)
{
    ct_read_file(path, buf, sizeof buf);
    buf[strcspn(buf, "\n")] = 0;
    return buf;
}

static void put(const char *path, const char *v)
{
    int fd = open(path, O_WRONLY);
    if (fd < 0) { say("write %s: open %s\n", path, ct_errname(errno)); return; }
    ssize_t n = write(fd, v, strlen(v));
    say("write %s \"%.*s\": %s -> %s\n", strrchr(path, '/') + 1, (int)strcspn(v, "\n"), v,
        n < 0 ? ct_errname(errno) : "ok", get(path));
    close(fd);
}

int main(void)
{
    const char *adj = "/proc/self/oom_score_adj", *legacy = "/proc/self/oom_adj";
    say("oom_score_adj: %s oom_adj: %s\n", get(adj), get(legacy));
    put(adj, "300\n");
    say("oom_adj for 300: %s\n", get(legacy));
    put(adj, "1001");
    put(adj, "-1001");
    put(adj, "abc");
    put(adj, " 12 \n");
    put(adj, "0x10");
    put(legacy, "-17");
    say("oom_score_adj for oom_adj -17: %s\n", get(adj));
    put(legacy, "15");
    say("oom_score_adj for oom_adj 15: %s\n", get(adj));
    put(legacy, "16");
    put(legacy, "4");
    say("oom_score_adj for oom_adj 4: %s\n", get(adj));
    put(adj, "0");
    long score = atol(get("/proc/self/oom_score"));
    say("oom_score in 0..2000: %d\n", score >= 0 && score <= 2000);

    // A floor set by root binds the process once it is unprivileged.
    pid_t pid = fork();
    if (pid == 0) {
        put(adj, "100");
        ct_become_user();
        prctl(PR_SET_DUMPABLE, 1);   // changing uid made us non-dumpable: our files would belong to root
        put(adj, "50");
        put(adj, "150");
        put(adj, "100");
        // The value and the floor go to children (they share Linux's signal_struct copy).
        pid_t gc = fork();
        if (gc == 0) {
            say("grandchild inherits: %s\n", get(adj));
            put(adj, "50");
            _exit(0);
        }
        ct_wait(gc);
        _exit(0);
    }
    ct_wait(pid);

    // limits: the header and row layout, and values from setrlimit.
    struct rlimit rl = {100, 200};
    setrlimit(RLIMIT_NOFILE, &rl);
    rl.rlim_cur = 0;
    rl.rlim_max = RLIM_INFINITY;
    setrlimit(RLIMIT_CORE, &rl);
    rl.rlim_cur = 1 << 20;
    rl.rlim_max = 2 << 20;
    setrlimit(RLIMIT_FSIZE, &rl);
    static char text[4096];
    ct_read_file("/proc/self/limits", text, sizeof text);
    int rows = 0, widths = 1;
    for (char *l = strtok(text, "\n"); l; l = strtok(NULL, "\n"), rows++) {
        if (rows == 0) { say("header: [%s]\n", l); continue; }
        char name[32];
        snprintf(name, sizeof name, "%.25s", l);
        for (int i = strlen(name) - 1; i >= 0 && name[i] == ' '; i--) name[i] = 0;
        size_t len = strlen(l);
        // name (25) soft (20) hard (20) unit (10), one space apart; no unit leaves "hard " at the end.
        widths &= len == 78 || len == 68;
        if (!strcmp(name, "Max open files") || !strcmp(name, "Max core file size") || !strcmp(name, "Max file size") ||
            !strcmp(name, "Max nice priority"))
            say("row: [%s]\n", l);
        else
            say("row name: %s unit: [%s]\n", name, len > 68 ? l + 68 : "");
    }
    say("rows: %d widths ok: %d\n", rows, widths);
    static char mine[4096], theirs[4096];
    ct_read_file("/proc/self/limits", mine, sizeof mine);
    pid = fork();
    if (pid == 0) { pause(); _exit(0); }
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/limits", (int)pid);
    ct_read_file(path, theirs, sizeof theirs);
    FACT("a child's limits table is ours", strcmp(mine, theirs) == 0);
    kill(pid, SIGKILL);
    ct_wait(pid);
    return 0;
}
