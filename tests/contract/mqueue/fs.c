// SPDX-License-Identifier: MIT
// The mqueue file system: mounted, it lists the queues as regular files (mode, owner, size),
// reading one gives the status line, opening one gives a usable queue descriptor, open(O_CREAT)
// makes a queue with the default attributes, unlink(2) removes one, and nothing else can be
// made there.
#include "contract.h"
#include "mq_sys.h"
#include <dirent.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/statfs.h>

static void list(const char *dir)
{
    char names[16][64];
    int n = 0;
    DIR *d = opendir(dir);
    if (!d) {
        say("opendir: %s\n", ct_errname(errno));
        return;
    }
    struct dirent *e;
    while ((e = readdir(d)) && n < 16) {
        if (strncmp(e->d_name, "ct_fs", 5) && strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) continue;
        snprintf(names[n++], 64, "%s%s", e->d_name, e->d_type == DT_REG ? " (reg)" : e->d_type == DT_DIR ? " (dir)" : "");
    }
    closedir(d);
    qsort(names, n, 64, (int (*)(const void *, const void *))strcmp);
    say("list:");
    for (int i = 0; i < n; i++) say(" [%s]", names[i]);
    say("\n");
}

static void show_stat(const char *path)
{
    struct stat st;
    if (stat(path, &st)) {
        say("stat %s: %s\n", path, ct_errname(errno));
        return;
    }
    say("stat %s: mode %o uid %u gid %u size %lld nlink %lu\n", strrchr(path, '/') + 1, (unsigned)st.st_mode,
        (unsigned)st.st_uid, (unsigned)st.st_gid, (long long)st.st_size, (unsigned long)st.st_nlink);
}

int main(void)
{
    kmq_unlink("ct_fs_a");
    kmq_unlink("ct_fs_b");
    RET(mkdir("/tmp/t/mq", 0755));
    RET(mount("none", "/tmp/t/mq", "mqueue", 0, NULL));
    struct statfs sf;
    RET(statfs("/tmp/t/mq", &sf));
    say("f_type %#lx\n", (unsigned long)sf.f_type);
    struct stat st;
    RET(stat("/tmp/t/mq", &st));
    say("root mode %o\n", (unsigned)st.st_mode);
    list("/tmp/t/mq");

    umask(022);
    long fd = OK(kmq_open("ct_fs_a", O_RDWR | O_CREAT, 0664, NULL));
    RET(fstat(fd, &st));
    say("fstat: mode %o uid %u size %lld\n", (unsigned)st.st_mode, (unsigned)st.st_uid, (long long)st.st_size);
    list("/tmp/t/mq");
    show_stat("/tmp/t/mq/ct_fs_a");
    RET(kmq_send(fd, "hello", 5, 3, NULL));
    char buf[8192];
    ssize_t n = ct_read_file("/tmp/t/mq/ct_fs_a", buf, sizeof buf);
    say("file: %.*s", (int)(n > 0 ? n : 0), buf);

    // Opened through the file system, it is a queue descriptor.
    int f = open("/tmp/t/mq/ct_fs_a", O_RDWR);
    FACT("open ok", f >= 0);
    kmq_show(f);
    unsigned prio = 0;
    n = kmq_recv(f, buf, sizeof buf, &prio, NULL);
    say("recv %zd prio %u\n", n, prio);
    RET(kmq_send(f, "x", 1, 0, NULL));
    close(f);
    f = open("/tmp/t/mq/ct_fs_a", O_RDONLY);
    RET(kmq_send(f, "x", 1, 0, NULL));
    close(f);

    // open(O_CREAT) makes a queue with the defaults; mq_open finds it.
    f = open("/tmp/t/mq/ct_fs_b", O_RDWR | O_CREAT | O_EXCL, 0640);
    FACT("create ok", f >= 0);
    kmq_show(f);
    close(f);
    show_stat("/tmp/t/mq/ct_fs_b");
    long fb = OK(kmq_open("ct_fs_b", O_RDONLY, 0, NULL));
    close(fb);
    RET(mkdir("/tmp/t/mq/ct_fs_dir", 0755));
    RET(mknod("/tmp/t/mq/ct_fs_fifo", S_IFIFO | 0644, 0));
    RET(open("/tmp/t/mq/ct_fs_x/y", O_RDWR | O_CREAT, 0644));

    RET(unlink("/tmp/t/mq/ct_fs_b"));
    RET(kmq_open("ct_fs_b", O_RDONLY, 0, NULL));
    RET(unlink("/tmp/t/mq/ct_fs_b"));
    list("/tmp/t/mq");
    RET(kmq_unlink("ct_fs_a"));
    list("/tmp/t/mq");
    RET(stat("/tmp/t/mq/ct_fs_a", &st));
    kmq_show(fd);
    close(fd);
    RET(umount("/tmp/t/mq"));
    RET(rmdir("/tmp/t/mq"));
    return 0;
}
