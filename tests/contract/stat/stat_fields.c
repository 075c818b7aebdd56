// SPDX-License-Identifier: MIT
// stat fields of files, directories, symlinks, FIFOs and devices: type bits, size, nlink, uid/gid, blksize.
#include "contract.h"

static void show(const char *p, int follow)
{
    struct stat st;
    int r = follow ? stat(p, &st) : lstat(p, &st);
    if (r) { say("%s: %s\n", p, ct_errname(errno)); return; }
    const char *t = S_ISREG(st.st_mode) ? "reg" : S_ISDIR(st.st_mode) ? "dir" : S_ISLNK(st.st_mode) ? "lnk" :
                    S_ISFIFO(st.st_mode) ? "fifo" : S_ISCHR(st.st_mode) ? "chr" : S_ISBLK(st.st_mode) ? "blk" : "?";
    say("%s%s: type=%s perm=%o size=%lld nlink=%ld uid=%d gid=%d blksize>0=%d rdev=%u:%u\n", follow ? "" : "l:",
        p, t, st.st_mode & 07777, S_ISDIR(st.st_mode) ? -1LL : (long long)st.st_size, (long)st.st_nlink,
        st.st_uid, st.st_gid, st.st_blksize > 0, major(st.st_rdev), minor(st.st_rdev));
}

int main(void)
{
    umask(0);
    ct_write_file("f", "12345", 0640);
    mkdir("d", 0751);
    symlink("f", "l");
    symlink("a-longer-target-name", "l2");
    mkfifo("p", 0600);
    mknod("c", S_IFCHR | 0620, makedev(4, 64));
    mknod("b", S_IFBLK | 0660, makedev(7, 0));
    show("f", 1);
    show("d", 1);
    show("l", 1);
    show("l", 0);
    show("l2", 0);
    show("l2", 1);
    show("p", 1);
    show("c", 1);
    show("b", 1);
    show("/dev/null", 1);
    show("nope", 1);
    show("f/", 1);
    RET(mknod("x", S_IFREG | 0644, 0));
    show("x", 1);
    RET(mknod("y", 0170000 | 0644, 0));
    RET(mknod("f", S_IFIFO | 0644, 0));
    return 0;
}
