// SPDX-License-Identifier: MIT
// getdents64: every entry once, ".", "..", d_type of each kind, sorted listing, entries added and removed.
#include "contract.h"
#include <sys/syscall.h>

struct ent { char name[64]; int type; };
static int cmp(const void *a, const void *b) { return strcmp(((const struct ent *)a)->name, ((const struct ent *)b)->name); }

static void list(const char *path)
{
    int fd = open(path, O_RDONLY | O_DIRECTORY);
    static char buf[8192];
    static struct ent ents[256];
    int n = 0;
    for (;;) {
        long r = syscall(SYS_getdents64, fd, buf, sizeof buf);
        if (r <= 0) { if (r < 0) say("getdents64: %s\n", ct_errname(errno)); break; }
        for (long off = 0; off < r;) {
            unsigned short reclen = *(unsigned short *)(buf + off + 16);
            unsigned char type = *(unsigned char *)(buf + off + 18);
            snprintf(ents[n].name, 64, "%s", buf + off + 19);
            ents[n].type = type;
            n++;
            if (reclen % 8) say("reclen not 8-aligned\n");
            off += reclen;
        }
    }
    qsort(ents, n, sizeof ents[0], cmp);
    say("%s: %d entries\n", path, n);
    for (int i = 0; i < n; i++) say("  %s type=%d\n", ents[i].name, ents[i].type);
    close(fd);
}

int main(void)
{
    mkdir("d", 0755);
    list("d");
    mkdir("d/sub", 0755);
    ct_write_file("d/file", "x", 0644);
    symlink("file", "d/link");
    mkfifo("d/fifo", 0644);
    mknod("d/null", S_IFCHR | 0666, makedev(1, 3));
    list("d");
    unlink("d/file");
    rmdir("d/sub");
    list("d");
    return 0;
}
