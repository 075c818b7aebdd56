// SPDX-License-Identifier: MIT
// /proc/cgroups (systemd taints the boot "cgroups-missing" without it): the header, and the pids
// controller on the unified hierarchy (hierarchy 0, enabled), whose cgroup count is at least the
// number of cgroup directories (removed cgroups still count until freed, which Linux does later).
// Only pids is compared: which other controllers a kernel has is its configuration.
#include "contract.h"
#include "cg.h"

// The pids line's fields; returns num_cgroups, or -1 when there is no such line.
static long pids_line(int *hierarchy, int *enabled)
{
    char buf[4096];
    if (ct_read_file("/proc/cgroups", buf, sizeof buf) < 0) {
        say("/proc/cgroups: %s\n", ct_errname(errno));
        return -1;
    }
    char *nl = strchr(buf, '\n');
    if (nl) *nl = 0;
    static int shown;
    if (!shown++) say("header: %s\n", buf);
    for (char *line = nl ? nl + 1 : buf; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
        long n;
        if (sscanf(line, "pids\t%d\t%ld\t%d", hierarchy, &n, enabled) == 3) return n;
    }
    return -1;
}

// The cgroup directories at and below path.
static long count_dirs(const char *path)
{
    DIR *d = opendir(path);
    if (!d) return 0;
    long n = 1;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_type != DT_DIR || !strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        char sub[512];
        snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
        n += count_dirs(sub);
    }
    closedir(d);
    return n;
}

int main(void)
{
    cg_setup();
    int h = -1, e = -1;
    long before = pids_line(&h, &e);
    say("pids: hierarchy %d enabled %d found %s\n", h, e, before >= 1 ? "yes" : "no");
    RET(mkdir(cg_path("proc-cgroups-child"), 0755));
    long after = pids_line(&h, &e);
    say("after mkdir: counts every cgroup: %s\n", after >= count_dirs(cg_path("")) ? "yes" : "no");
    RET(rmdir(cg_path("proc-cgroups-child")));
    cg_teardown();
    return 0;
}
