// SPDX-License-Identifier: MIT
// symlink/readlink: targets stored verbatim, truncation without NUL, EINVAL on non-links, relative resolution.
#include "contract.h"

int main(void)
{
    char buf[64];
    RET(symlink("some/where/../x", "l"));
    memset(buf, '#', sizeof buf);
    RET(readlink("l", buf, sizeof buf));
    say("target: %.15s next:%c\n", buf, buf[15]);
    RET(readlink("l", buf, 4));
    say("trunc: %.4s next:%c\n", buf, buf[4]);
    RET(readlink("l", buf, 0));
    ct_write_file("f", "", 0644);
    RET(readlink("f", buf, sizeof buf));
    RET(readlink("nope", buf, sizeof buf));
    RET(symlink("x", "l"));
    RET(symlink("", "empty"));
    mkdir("d", 0755);
    ct_write_file("d/t", "T", 0644);
    symlink("t", "d/rel");
    symlink("d/rel", "chain");
    char c[4] = {0};
    ct_read_file("chain", c, sizeof c);
    say("chain resolves: %s\n", c);
    symlink("/tmp", "abs");
    RET(readlink("abs", buf, sizeof buf));
    RET(readlinkat(AT_FDCWD, "d/rel", buf, sizeof buf));
    int d = open("d", O_RDONLY);
    RET(readlinkat(d, "rel", buf, sizeof buf));
    RET(readlinkat(d, "", buf, sizeof buf));
    struct stat st;
    lstat("l", &st);
    say("link size: %lld perm: %o\n", (long long)st.st_size, st.st_mode & 0777);
    symlink("d", "ld");
    RET(readlink("ld/", buf, sizeof buf));
    return 0;
}
