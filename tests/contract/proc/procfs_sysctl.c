// SPDX-License-Identifier: MIT
// /proc/sys: the kernel identity agrees with uname, hostname/domainname writes (newline-terminated, read
// back by the syscalls), random/boot_id and uuid formats, fixed values, integer knobs (range checks,
// malformed input), pipe-max-size, and that only root may write.
#include "contract.h"
#include <sys/utsname.h>

static char buf[512];

static const char *get(const char *path)
{
    if (ct_read_file(path, buf, sizeof buf) < 0) return ct_errname(errno);
    size_t n = strlen(buf);
    if (n && buf[n - 1] == '\n') buf[n - 1] = 0;
    return buf;
}

static void put(const char *path, const char *value)
{
    int fd = open(path, O_WRONLY | O_TRUNC);
    if (fd < 0) { say("write %s %s: open %s\n", path, value, ct_errname(errno)); return; }
    errno = 0;
    ssize_t n = write(fd, value, strlen(value));
    say("write %s \"%.*s\": %s\n", path, (int)strcspn(value, "\n"), value, n < 0 ? ct_errname(errno) : n == (ssize_t)strlen(value) ? "all" : "short");
    close(fd);
}

static int is_uuid(const char *s)
{
    if (strlen(s) != 36) return 0;
    for (int i = 0; i < 36; i++) {
        int dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !strchr("0123456789abcdef", s[i])) return 0;
    }
    return s[14] == '4' && strchr("89ab", s[19]) != NULL;
}

int main(void)
{
    struct utsname u;
    uname(&u);
    FACT("ostype is uname sysname", strcmp(get("/proc/sys/kernel/ostype"), u.sysname) == 0);
    FACT("osrelease is uname release", strcmp(get("/proc/sys/kernel/osrelease"), u.release) == 0);
    FACT("version is uname version", strcmp(get("/proc/sys/kernel/version"), u.version) == 0);
    say("ostype: %s\n", get("/proc/sys/kernel/ostype"));

    char saved[128];
    snprintf(saved, sizeof saved, "%s", get("/proc/sys/kernel/hostname"));
    sethostname("by-syscall", 10);
    say("hostname after sethostname: %s\n", get("/proc/sys/kernel/hostname"));
    put("/proc/sys/kernel/hostname", "by-proc\nrest");
    gethostname(buf, sizeof buf);
    say("gethostname: %s\n", buf);
    put("/proc/sys/kernel/domainname", "dom.example\n");
    uname(&u);
    say("uname domainname: %s\n", u.domainname);
    put("/proc/sys/kernel/domainname", "(none)");
    put("/proc/sys/kernel/hostname", saved);

    char boot[64];
    snprintf(boot, sizeof boot, "%s", get("/proc/sys/kernel/random/boot_id"));
    say("boot_id is a v4 UUID: %d, stable: %d\n", is_uuid(boot), strcmp(boot, get("/proc/sys/kernel/random/boot_id")) == 0);
    char u1[64];
    snprintf(u1, sizeof u1, "%s", get("/proc/sys/kernel/random/uuid"));
    say("uuid is a v4 UUID: %d, new each read: %d\n", is_uuid(u1), strcmp(u1, get("/proc/sys/kernel/random/uuid")) != 0);

    const char *fixed[] = {"/proc/sys/kernel/ngroups_max", "/proc/sys/kernel/cap_last_cap",
        "/proc/sys/kernel/pid_max", "/proc/sys/kernel/overflowuid", "/proc/sys/kernel/overflowgid",
        "/proc/sys/kernel/random/entropy_avail", "/proc/sys/kernel/random/poolsize", "/proc/sys/fs/nr_open",
        "/proc/sys/fs/overflowuid", "/proc/sys/fs/pipe-max-size", "/proc/sys/vm/overcommit_memory",
        "/proc/sys/vm/overcommit_ratio", "/proc/sys/vm/max_map_count", "/proc/sys/vm/mmap_min_addr", NULL};
    for (int i = 0; fixed[i]; i++) say("%s: %s\n", fixed[i], get(fixed[i]));
    get("/proc/sys/fs/file-nr");
    int tabs = 0;
    for (char *p = buf; *p; p++) tabs += *p == '\t';
    say("file-nr: %d tabs, max matches file-max: %d\n", tabs, atol(strrchr(buf, '\t') + 1) == atol(get("/proc/sys/fs/file-max")));
    get("/proc/sys/kernel/printk");
    tabs = 0;
    for (char *p = buf; *p; p++) tabs += *p == '\t';
    say("printk: %d tab-separated numbers\n", tabs + 1);

    put("/proc/sys/vm/overcommit_memory", "1\n");
    say("overcommit_memory: %s\n", get("/proc/sys/vm/overcommit_memory"));
    put("/proc/sys/vm/overcommit_memory", "3");
    put("/proc/sys/vm/overcommit_memory", "one");
    put("/proc/sys/vm/overcommit_memory", "0");
    say("overcommit_memory: %s\n", get("/proc/sys/vm/overcommit_memory"));
    put("/proc/sys/fs/pipe-max-size", "8192");
    say("pipe-max-size: %s\n", get("/proc/sys/fs/pipe-max-size"));
    put("/proc/sys/fs/pipe-max-size", "x");
    put("/proc/sys/fs/pipe-max-size", "1048576");
    say("pipe-max-size: %s\n", get("/proc/sys/fs/pipe-max-size"));
    put("/proc/sys/kernel/ostype", "Other");
    put("/proc/sys/kernel/random/boot_id", "x");

    RET(open("/proc/sys/kernel/nothing", O_RDONLY));
    RET(open("/proc/sys/kernel", O_WRONLY));
    pid_t pid = fork();
    if (pid == 0) {
        ct_become_user();
        RET(open("/proc/sys/kernel/hostname", O_WRONLY));
        RET(open("/proc/sys/vm/overcommit_memory", O_WRONLY));
        RET(open("/proc/sys/kernel/hostname", O_RDONLY) >= 0);
        _exit(0);
    }
    ct_wait(pid);
    return 0;
}
