// SPDX-License-Identifier: MIT
// O_TMPFILE: an unnamed file in a directory, linkat through /proc/self/fd, O_EXCL forbids linking.
#include "contract.h"
#include <dirent.h>

static int count_entries(const char *d)
{
    DIR *dir = opendir(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dir))) if (e->d_name[0] != '.') n++;
    closedir(dir);
    return n;
}

int main(void)
{
    mkdir("d", 0755);
    int fd = open("d", O_TMPFILE | O_RDWR, 0600);
    say("tmpfile ok: %s\n", fd >= 0 ? "yes" : ct_errname(errno));
    RET(write(fd, "data", 4));
    struct stat st;
    fstat(fd, &st);
    say("nlink: %ld regular: %d\n", (long)st.st_nlink, S_ISREG(st.st_mode));
    say("entries: %d\n", count_entries("d"));
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    RET(linkat(AT_FDCWD, path, AT_FDCWD, "d/named", AT_SYMLINK_FOLLOW));
    say("entries: %d\n", count_entries("d"));
    fstat(fd, &st);
    say("nlink: %ld\n", (long)st.st_nlink);
    int ex = open("d", O_TMPFILE | O_RDWR | O_EXCL, 0600);
    snprintf(path, sizeof path, "/proc/self/fd/%d", ex);
    RET(linkat(AT_FDCWD, path, AT_FDCWD, "d/named2", AT_SYMLINK_FOLLOW));
    RET(open("d", O_TMPFILE | O_RDONLY, 0600));
    RET(open("nope", O_TMPFILE | O_RDWR, 0600));
    ct_write_file("f", "", 0644);
    RET(open("f", O_TMPFILE | O_RDWR, 0600));
    return 0;
}
