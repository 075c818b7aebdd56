// SPDX-License-Identifier: MIT
// getdents (the pre-64-bit record: d_type in the record's last byte): the same entries, types and
// record lengths as getdents64, resuming across small buffers, and the errors.
#include "contract.h"
#include <sys/syscall.h>

struct ent { char name[300]; int type; unsigned short reclen; };
static int cmp(const void *a, const void *b) { return strcmp(((const struct ent *)a)->name, ((const struct ent *)b)->name); }

// Lists path with either syscall and a buffer of bufsize bytes; returns the entry count.
static int list(const char *path, int old, size_t bufsize, struct ent *ents)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY);
    static char buf[8192];
    int n = 0;
    for (;;) {
        long r = syscall(old ? SYS_getdents : SYS_getdents64, fd, buf, bufsize);
        if (r <= 0) { if (r < 0) say("%s: %s\n", old ? "getdents" : "getdents64", ct_errname(errno)); break; }
        for (long off = 0; off < r;) {
            unsigned short reclen = *(unsigned short *)(buf + off + 16);
            if (old) {
                snprintf(ents[n].name, sizeof ents[n].name, "%s", buf + off + 18);
                ents[n].type = (unsigned char)buf[off + reclen - 1];
            } else {
                snprintf(ents[n].name, sizeof ents[n].name, "%s", buf + off + 19);
                ents[n].type = (unsigned char)buf[off + 18];
            }
            ents[n].reclen = reclen;
            n++;
            off += reclen;
        }
    }
    close(fd);
    qsort(ents, n, sizeof ents[0], cmp);
    return n;
}

int main(void)
{
    static struct ent a[300], b[300];
    mkdir("d", 0755);
    mkdir("d/sub", 0755);
    ct_write_file("d/file", "x", 0644);
    symlink("file", "d/link");
    mkfifo("d/fifo", 0644);
    mknod("d/null", S_IFCHR | 0666, makedev(1, 3));
    char name[300];
    for (int len = 1; len <= 40; len++) {              // every record length modulo 8
        memset(name, 'n', len);
        snprintf(name + len, sizeof name - len, "%s", "");
        char p[320];
        snprintf(p, sizeof p, "d/%s", name);
        ct_write_file(p, "", 0644);
    }
    memset(name, 'L', 255);
    name[255] = 0;
    char p[300];
    snprintf(p, sizeof p, "d/%s", name);
    ct_write_file(p, "", 0644);

    int na = list("d", 1, 8192, a);
    int nb = list("d", 0, 8192, b);
    int same = na == nb;
    for (int i = 0; same && i < na; i++)
        same = !strcmp(a[i].name, b[i].name) && a[i].type == b[i].type && a[i].reclen == b[i].reclen;
    say("entries %d, same as getdents64: %s\n", na, same ? "yes" : "no");
    for (int i = 0; i < na; i++)
        if (strlen(a[i].name) < 8) say("  %s type=%d reclen=%d\n", a[i].name, a[i].type, a[i].reclen);

    // A buffer that holds one long record at a time: the listing resumes where it stopped.
    int nc = list("d", 1, 280, b);
    same = nc == na;
    for (int i = 0; same && i < na; i++) same = !strcmp(a[i].name, b[i].name) && a[i].type == b[i].type;
    say("small buffer: %d entries, same: %s\n", nc, same ? "yes" : "no");

    int fd = open("d", O_RDONLY | O_DIRECTORY);
    char small[16];
    RET(syscall(SYS_getdents, fd, small, sizeof small));      // too small for one record
    RET(syscall(SYS_getdents, fd, (void *)1, 4096));
    RET(syscall(SYS_getdents, 9999, small, sizeof small));
    close(fd);
    fd = open("d/file", O_RDONLY);
    RET(syscall(SYS_getdents, fd, a, 4096));                    // not a directory
    close(fd);
    return 0;
}
