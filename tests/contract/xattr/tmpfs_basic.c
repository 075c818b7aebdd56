// SPDX-License-Identifier: MIT
// Extended attributes on tmpfs as root: set/get/list/remove, the create/replace flags, size
// queries, and which namespaces tmpfs supports.
#include "xattr_show.h"

int main(void)
{
    char buf[256];
    ct_write_file("f", "", 0644);
    RET(setxattr("f", "trusted.a", "one", 3, 0));
    RET(setxattr("f", "security.b", "two!", 4, 0));
    RET(setxattr("f", "trusted.empty", "", 0, 0));
    RET(setxattr("f", "user.c", "x", 1, 0));
    RET(setxattr("f", "system.d", "x", 1, 0));
    RET(setxattr("f", "other.e", "x", 1, 0));
    RET(setxattr("f", "nodot", "x", 1, 0));
    RET(setxattr("f", "trusted.", "x", 1, 0));
    RET(setxattr("f", "", "x", 1, 0));
    xa_show_value("get trusted.a", getxattr("f", "trusted.a", buf, sizeof buf), buf);
    xa_show_value("get security.b", getxattr("f", "security.b", buf, sizeof buf), buf);
    xa_show_value("get trusted.empty", getxattr("f", "trusted.empty", buf, sizeof buf), buf);
    RET(getxattr("f", "trusted.a", NULL, 0));
    RET(getxattr("f", "trusted.a", buf, 2));
    RET(getxattr("f", "trusted.missing", buf, sizeof buf));
    RET(getxattr("f", "user.c", buf, sizeof buf));
    RET(getxattr("f", "other.e", buf, sizeof buf));
    RET(getxattr("f", "trusted.", buf, sizeof buf));
    RET(getxattr("f", "", buf, sizeof buf));
    xa_show_list("list", listxattr("f", buf, sizeof buf), buf);
    RET(listxattr("f", NULL, 0));
    RET(listxattr("f", buf, 5));

    RET(setxattr("f", "trusted.a", "uno", 3, XATTR_CREATE));
    RET(setxattr("f", "trusted.new", "n", 1, XATTR_REPLACE));
    RET(setxattr("f", "trusted.a", "uno", 3, XATTR_REPLACE));
    RET(setxattr("f", "trusted.new", "n", 1, XATTR_CREATE));
    RET(setxattr("f", "trusted.a", "x", 1, XATTR_CREATE | XATTR_REPLACE));
    RET(setxattr("f", "trusted.a", "x", 1, 4));
    xa_show_value("get trusted.a", getxattr("f", "trusted.a", buf, sizeof buf), buf);

    RET(removexattr("f", "trusted.new"));
    RET(removexattr("f", "trusted.new"));
    RET(removexattr("f", "user.c"));
    RET(removexattr("f", "bogus"));
    RET(removexattr("f", "trusted.empty"));
    xa_show_list("list after remove", listxattr("f", buf, sizeof buf), buf);

    // Sizes: values up to 64 KiB, names up to 255 bytes.
    static char big[65537];
    memset(big, 'v', sizeof big);
    RET(setxattr("f", "trusted.big", big, 65536, 0));
    RET(getxattr("f", "trusted.big", NULL, 0));
    RET(setxattr("f", "trusted.big", big, 65537, 0));
    char name[300] = "trusted.";
    memset(name + 8, 'n', 247);
    name[255] = 0;
    RET(setxattr("f", name, "x", 1, 0));
    name[255] = 'n';
    name[256] = 0;
    RET(setxattr("f", name, "x", 1, 0));
    RET(getxattr("f", name, buf, sizeof buf));
    RET(removexattr("f", name));

    // A directory and a replaced value keep working; a value survives a rename.
    mkdir("d", 0755);
    RET(setxattr("d", "trusted.dir", "dv", 2, 0));
    RET(rename("d", "d2"));
    xa_show_value("get after rename", getxattr("d2", "trusted.dir", buf, sizeof buf), buf);
    RET(getxattr("missing", "trusted.a", buf, sizeof buf));
    RET(setxattr("missing", "trusted.a", "x", 1, 0));
    RET(listxattr("missing", buf, sizeof buf));
    RET(removexattr("missing", "trusted.a"));
    RET(getxattr((char *)1, "trusted.a", buf, sizeof buf));
    RET(getxattr("f", (char *)1, buf, sizeof buf));
    RET(getxattr("f", "trusted.a", (char *)1, sizeof buf));
    RET(setxattr("f", "trusted.a", (char *)1, 4, 0));
    RET(listxattr("f", (char *)1, sizeof buf));
    return 0;
}
