// SPDX-License-Identifier: MIT
// Extended attributes on cgroup2 (systemd stores a unit's invocation id in its cgroup's
// trusted.invocation_id, where journald reads it): trusted.* (CAP_SYS_ADMIN), user.* and
// security.* on directories and interface files, kept while the cgroup lives, listed, removed;
// a user without write access to the directory cannot set user.*.
#include "contract.h"
#include "cg.h"
#include <sys/xattr.h>

static void get(const char *rel, const char *name)
{
    char v[64] = "";
    ssize_t n = getxattr(cg_path(rel), name, v, sizeof v - 1);
    if (n < 0) say("get %s %s: %s\n", rel[0] ? rel : "/", name, ct_errname(errno));
    else say("get %s %s: %zd \"%s\"\n", rel[0] ? rel : "/", name, n, v);
}

static void set(const char *rel, const char *name, const char *value, int flags)
{
    int r = setxattr(cg_path(rel), name, value, strlen(value), flags);
    say("set %s %s=%s: %s\n", rel[0] ? rel : "/", name, value, r ? ct_errname(errno) : "ok");
}

static void list(const char *rel)
{
    char buf[512];
    ssize_t n = listxattr(cg_path(rel), buf, sizeof buf);
    say("list %s: %zd", rel, n);
    for (ssize_t i = 0; i < n; i += strlen(buf + i) + 1) say(" %s", buf + i);
    say("\n");
}

int main(void)
{
    cg_setup();
    RET(mkdir(cg_path("xa"), 0755));
    set("xa", "trusted.invocation_id", "0123456789abcdef", 0);
    get("xa", "trusted.invocation_id");
    set("xa", "user.invocation_id", "fedcba", 0);
    set("xa", "user.invocation_id", "again", XATTR_CREATE);
    set("xa", "user.other", "x", XATTR_REPLACE);
    set("xa", "security.label", "lbl", 0);
    set("xa", "nonsense.name", "x", 0);
    set("xa", "user.", "x", 0);
    get("xa", "user.invocation_id");
    get("xa", "user.missing");
    list("xa");
    set("xa/cgroup.procs", "user.file", "on-a-file", 0);
    get("xa/cgroup.procs", "user.file");
    get("xa/cgroup.events", "user.file");
    // A new lookup of the same cgroup sees the same attributes.
    get("xa/", "trusted.invocation_id");
    RET(removexattr(cg_path("xa"), "user.invocation_id"));
    RET(removexattr(cg_path("xa"), "user.invocation_id"));
    list("xa");
    pid_t pid = fork();
    if (pid == 0) {
        ct_become_user();
        set("xa", "user.by_user", "x", 0);
        get("xa", "trusted.invocation_id");
        list("xa");
        _exit(0);
    }
    say("user: %s\n", ct_wait(pid));
    RET(rmdir(cg_path("xa")));
    RET(mkdir(cg_path("xa"), 0755));
    get("xa", "trusted.invocation_id");
    RET(rmdir(cg_path("xa")));
    cg_teardown();
    return 0;
}
