// SPDX-License-Identifier: MIT
// The l* and f* forms: symlinks themselves, descriptors (O_PATH and O_RDONLY), and what a
// symlink's own attributes allow.
#include "xattr_show.h"
#include <fcntl.h>

int main(void)
{
    char buf[256];
    ct_write_file("f", "", 0644);
    symlink("f", "ln");
    RET(setxattr("ln", "trusted.via", "target", 6, 0));
    RET(lsetxattr("ln", "trusted.own", "link", 4, 0));
    RET(lsetxattr("ln", "user.own", "link", 4, 0));
    xa_show_list("list f", listxattr("f", buf, sizeof buf), buf);
    xa_show_list("llist ln", llistxattr("ln", buf, sizeof buf), buf);
    xa_show_list("list ln", listxattr("ln", buf, sizeof buf), buf);
    xa_show_value("lget own", lgetxattr("ln", "trusted.own", buf, sizeof buf), buf);
    RET(getxattr("ln", "trusted.own", buf, sizeof buf));
    RET(lremovexattr("ln", "trusted.own"));
    RET(lremovexattr("ln", "trusted.own"));

    int fd = open("f", O_RDONLY);
    RET(fsetxattr(fd, "trusted.fd", "fv", 2, 0));
    xa_show_value("fget", fgetxattr(fd, "trusted.fd", buf, sizeof buf), buf);
    xa_show_list("flist", flistxattr(fd, buf, sizeof buf), buf);
    RET(fremovexattr(fd, "trusted.fd"));
    RET(fremovexattr(fd, "trusted.fd"));
    int p = open("f", O_PATH);
    RET(fgetxattr(p, "trusted.via", buf, sizeof buf));
    RET(fsetxattr(p, "trusted.x", "x", 1, 0));
    RET(flistxattr(p, buf, sizeof buf));
    RET(fremovexattr(p, "trusted.via"));
    RET(fgetxattr(-1, "trusted.via", buf, sizeof buf));
    RET(fsetxattr(-1, "trusted.via", "x", 1, 0));
    RET(flistxattr(-1, buf, sizeof buf));
    RET(fremovexattr(-1, "trusted.via"));
    int pp[2];
    (void)!pipe(pp);
    RET(fgetxattr(pp[0], "trusted.x", buf, sizeof buf));
    RET(fsetxattr(pp[0], "trusted.x", "x", 1, 0));
    RET(flistxattr(pp[0], buf, sizeof buf));
    return 0;
}
