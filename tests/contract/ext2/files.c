// SPDX-License-Identifier: MIT
// ext2 through the system calls: an image made by BusyBox's mke2fs (4 KiB blocks) mounted from a
// loop device; mount's errors, pwrite at large offsets (holes, triple-indirect blocks, EFBIG),
// truncate, a MAP_SHARED store read back after umount and remount, exec of a binary copied onto
// ext2, a file removed while open, statfs, a busy umount.
#include "ext2/ext2_util.h"

#include <sys/mman.h>
#include <sys/statfs.h>

static void show(const char *path)
{
    struct stat st;
    if (stat(path, &st) < 0) {
        printf("%s: %s\n", path, ct_errname(errno));
        return;
    }
    printf("%s: mode %o links %lu size %lld blocks %lld\n", path, st.st_mode, (unsigned long)st.st_nlink,
           (long long)st.st_size, (long long)st.st_blocks);
}

static void show_statfs(const char *label)
{
    struct statfs s;
    sync();
    if (statfs("mnt", &s) < 0) {
        printf("statfs: %s\n", ct_errname(errno));
        return;
    }
    printf("%s: type %lx bsize %ld blocks %ld bfree %ld bavail %ld files %ld ffree %ld namelen %ld\n", label,
           (long)s.f_type, (long)s.f_bsize, (long)s.f_blocks, (long)s.f_bfree, (long)s.f_bavail, (long)s.f_files,
           (long)s.f_ffree, (long)s.f_namelen);
}

static void read_at(const char *path, off_t off, size_t n)
{
    char buf[64] = {0};
    int fd = open(path, O_RDONLY);
    ssize_t r = pread(fd, buf, n, off);
    close(fd);
    printf("%s@%lld: %zd '", path, (long long)off, r);
    for (ssize_t i = 0; i < r; i++)
        putchar(buf[i] ? buf[i] : '0');
    printf("'\n");
}

static int copy_file(const char *from, const char *to)
{
    int in = open(from, O_RDONLY), out = open(to, O_CREAT | O_WRONLY | O_TRUNC, 0755);
    char buf[65536];
    ssize_t n;
    while ((n = read(in, buf, sizeof(buf))) > 0)
        if (write(out, buf, n) != n)
            return -1;
    close(in);
    return close(out);
}

int main(void)
{
    if (ext2_loop_ready() < 0) {
        printf("no loop devices: %s\n", ct_errname(errno));
        return 0;
    }
    printf("mke2fs: %d\n", ext2_make_image("img", "4096", 16384));
    char dev[32];
    int lfd = ext2_attach("img", dev, sizeof(dev));
    FACT("attached", lfd >= 0);
    OK(mkdir("mnt", 0755));
    RET(mount("img", "mnt", "ext2", 0, NULL));
    RET(mount("/dev/null", "mnt", "ext2", 0, NULL));
    RET(mount("missing", "mnt", "ext2", 0, NULL));
    RET(mount(dev, "mnt", "ext2", 0, "no_such_option"));
    RET(mount(dev, "mnt", "ext2", 0, NULL));
    show_statfs("empty");

    int fd = open("mnt/sparse", O_CREAT | O_RDWR, 0644);
    RET(pwrite(fd, "mid", 3, 70000));
    RET(pwrite(fd, "far", 3, (off_t)1 << 33));   // logical block 2M: a triple-indirect block
    RET(pwrite(fd, "x", 1, (off_t)1 << 42));     // past the largest ext2 file
    close(fd);
    show("mnt/sparse");
    read_at("mnt/sparse", 69998, 6);
    read_at("mnt/sparse", 1 << 20, 4);
    read_at("mnt/sparse", ((off_t)1 << 33) - 1, 5);
    OK(truncate("mnt/sparse", 70001));
    show("mnt/sparse");
    OK(truncate("mnt/sparse", 200000));
    read_at("mnt/sparse", 69999, 4);
    show("mnt/sparse");

    int a = open("mnt/append", O_CREAT | O_WRONLY | O_APPEND, 0600);
    RET(write(a, "one\n", 4));
    RET(pwrite(a, "two\n", 4, 0));   // O_APPEND: at the end anyway
    close(a);
    read_at("mnt/append", 0, 16);

    int m = open("mnt/mapped", O_CREAT | O_RDWR, 0644);
    OK(ftruncate(m, 3 * 4096 + 100));
    char *p = mmap(NULL, 4 * 4096, PROT_READ | PROT_WRITE, MAP_SHARED, m, 0);
    FACT("mapped", p != MAP_FAILED);
    memcpy(p + 5000, "shared-store", 12);
    p[3 * 4096 + 50] = 'E';
    RET(msync(p, 4 * 4096, MS_SYNC));
    OK(munmap(p, 4 * 4096));
    close(m);
    read_at("mnt/mapped", 5000, 12);
    show("mnt/mapped");

    printf("copy busybox: %d\n", copy_file("/bin/busybox", "mnt/bb"));
    pid_t pid = fork();
    if (pid == 0) {
        execl("mnt/bb", "echo", "hello from ext2", (char *)NULL);
        _exit(127);
    }
    printf("exec: %s\n", ct_wait(pid));

    char chunk[4096];
    memset(chunk, 'd', sizeof(chunk));
    // O_TMPFILE, then a name for it; fallocate is the oracle's ext4 answer for block-mapped files.
    int tmp = open("mnt", O_TMPFILE | O_RDWR, 0600);
    FACT("tmpfile opened", tmp >= 0);
    RET(write(tmp, "unnamed\n", 8));
    RET(fallocate(tmp, 0, 0, 8192));
    char procpath[64];
    snprintf(procpath, sizeof(procpath), "/proc/self/fd/%d", tmp);
    RET(linkat(AT_FDCWD, procpath, AT_FDCWD, "mnt/named", AT_SYMLINK_FOLLOW));
    close(tmp);
    read_at("mnt/named", 0, 8);
    int unnamed = open("mnt", O_TMPFILE | O_RDWR, 0600);
    RET(write(unnamed, chunk, sizeof(chunk)));
    close(unnamed);   // never named: freed

    // Times: 256-byte inodes keep nanoseconds, 128-byte ones whole seconds.
    struct stat ts;
    OK(stat("mnt/named", &ts));
    struct timespec times[2] = {{1700000000, 123456789}, {1700000001, 987654321}};
    OK(utimensat(AT_FDCWD, "mnt/named", times, 0));
    OK(stat("mnt/named", &ts));
    printf("atime %lld.%09ld mtime %lld.%09ld\n", (long long)ts.st_atim.tv_sec, ts.st_atim.tv_nsec,
           (long long)ts.st_mtim.tv_sec, ts.st_mtim.tv_nsec);

    int busy = open("mnt/append", O_RDONLY);
    RET(umount("mnt"));
    close(busy);

    show_statfs("written");
    int gone = open("mnt/doomed", O_CREAT | O_RDWR, 0644);
    for (int i = 0; i < 64; i++)
        if (write(gone, chunk, sizeof(chunk)) != sizeof(chunk))
            break;
    OK(unlink("mnt/doomed"));
    RET(pread(gone, chunk, 4, 4096 * 10));
    close(gone);
    show_statfs("after unlinked file closed");

    // The blocks reserved for root: an ordinary user runs out first.
    OK(mkdir("mnt/u", 0777));
    OK(chmod("mnt/u", 0777));
    pid_t filler = fork();
    if (filler == 0) {
        ct_become_user();
        int f = open("mnt/u/fill", O_CREAT | O_WRONLY, 0644);
        int err = 0;
        for (;;) {
            if (write(f, chunk, sizeof(chunk)) < 0) {
                err = errno;
                break;
            }
        }
        close(f);
        _exit(err == ENOSPC ? 0 : 1);
    }
    printf("user filled the disk up to ENOSPC: %s\n", ct_wait(filler));
    struct statfs full;
    sync();
    statfs("mnt", &full);
    FACT("free blocks left for root", full.f_bfree > 0);
    int rootf = open("mnt/root-file", O_CREAT | O_WRONLY, 0644);
    RET(write(rootf, chunk, sizeof(chunk)));
    RET(fsync(rootf));
    close(rootf);
    OK(unlink("mnt/u/fill"));
    OK(unlink("mnt/root-file"));
    show_statfs("after the fill");

    RET(umount("mnt"));
    RET(mount(dev, "mnt", "ext2", MS_RDONLY, NULL));
    read_at("mnt/mapped", 5000, 12);
    read_at("mnt/mapped", 3 * 4096 + 48, 4);
    show("mnt/sparse");
    show("mnt/mapped");
    show("mnt/named");
    OK(stat("mnt/named", &ts));
    printf("after remount: mtime %lld.%09ld\n", (long long)ts.st_mtim.tv_sec, ts.st_mtim.tv_nsec);
    RET(open("mnt/new", O_CREAT | O_WRONLY, 0644));
    show_statfs("remounted");
    RET(umount("mnt"));
    ext2_detach(lfd);
    return 0;
}
