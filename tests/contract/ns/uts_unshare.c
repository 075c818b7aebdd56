// SPDX-License-Identifier: MIT
// unshare(CLONE_NEWUTS): the new namespace starts as a copy, its names change apart from the
// parent's, fork children inherit it, and /proc/sys/kernel/{hostname,domainname} follow it.
#include "contract.h"
#include <sched.h>
#include <sys/utsname.h>

static void names(char *host, char *dom)
{
    struct utsname u;
    uname(&u);
    strcpy(host, u.nodename);
    strcpy(dom, u.domainname);
}

static void proc_line(const char *path, char *out, size_t cap)
{
    ssize_t n = ct_read_file(path, out, cap);
    if (n < 0) { snprintf(out, cap, "%s", ct_errname(errno)); return; }
    if (n > 0 && out[n - 1] == '\n') out[n - 1] = 0;
}

int main(void)
{
    RET(sethostname("outer-host", 10));
    RET(setdomainname("outer-dom", 9));
    int rep[2];
    if (pipe(rep)) return 1;
    pid_t pid = fork();
    if (pid == 0) {
        char host[80], dom[80], buf[160];
        close(rep[0]);
        int r = unshare(CLONE_NEWUTS);
        names(host, dom);
        int n = snprintf(buf, sizeof buf, "unshare %s, copied names: %s %s\n", r ? ct_errname(errno) : "ok", host, dom);
        sethostname("inner-host", 10);
        setdomainname("inner-dom", 9);
        names(host, dom);
        n += snprintf(buf + n, sizeof buf - n, "in child: %s %s\n", host, dom);
        (void)!write(rep[1], buf, n);
        // A fork child shares the new namespace: its change shows here.
        pid_t g = fork();
        if (g == 0) {
            sethostname("grandchild", 10);
            _exit(0);
        }
        waitpid(g, NULL, 0);
        names(host, dom);
        n = snprintf(buf, sizeof buf, "after grandchild: %s\n", host);
        (void)!write(rep[1], buf, n);
        // /proc/sys/kernel shows and writes the caller's namespace.
        ct_write_file("/proc/sys/kernel/hostname", "via-proc\n", 0);
        char ph[80], pd[80];
        proc_line("/proc/sys/kernel/hostname", ph, sizeof ph);
        proc_line("/proc/sys/kernel/domainname", pd, sizeof pd);
        names(host, dom);
        n = snprintf(buf, sizeof buf, "proc in child: %s %s, uname: %s\n", ph, pd, host);
        (void)!write(rep[1], buf, n);
        _exit(0);
    }
    close(rep[1]);
    char buf[512];
    ssize_t n = ct_read_full(rep[0], buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = 0;
    say("child: %s\n", ct_wait(pid));
    say("%s", buf);
    char host[80], dom[80];
    names(host, dom);
    say("in parent: %s %s\n", host, dom);
    char ph[80];
    proc_line("/proc/sys/kernel/hostname", ph, sizeof ph);
    say("proc in parent: %s\n", ph);
    return 0;
}
