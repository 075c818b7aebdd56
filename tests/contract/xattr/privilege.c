// SPDX-License-Identifier: MIT
// xattrs as an unprivileged user: trusted.* hidden, security.* readable but not writable.
#include "xattr_show.h"
#include <sys/wait.h>

int main(void)
{
    char buf[256];
    ct_write_file("f", "", 0666);
    RET(setxattr("f", "trusted.t", "tv", 2, 0));
    RET(setxattr("f", "security.s", "sv", 2, 0));
    pid_t c = fork();
    if (c == 0) {
        ct_become_user();
        xa_show_list("user list", listxattr("f", buf, sizeof buf), buf);
        RET(listxattr("f", NULL, 0));
        RET(getxattr("f", "trusted.t", buf, sizeof buf));
        xa_show_value("user get security", getxattr("f", "security.s", buf, sizeof buf), buf);
        RET(setxattr("f", "trusted.t", "x", 1, 0));
        RET(setxattr("f", "security.s", "x", 1, 0));
        RET(setxattr("f", "security.new", "x", 1, 0));
        RET(removexattr("f", "trusted.t"));
        RET(removexattr("f", "security.s"));
        RET(setxattr("f", "user.u", "x", 1, 0));
        _exit(0);
    }
    say("child: %s\n", ct_wait(c));
    return 0;
}
