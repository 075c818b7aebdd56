// SPDX-License-Identifier: MIT
// name_to_handle_at(2): handle sizes and types per file system (tmpfs and devtmpfs: 12 bytes of type
// 1; cgroup2: 8 bytes of type 0xfe holding the cgroup's id, its inode number), the EOVERFLOW probe
// that reports the size needed, the mount id (as /proc/self/fdinfo's mnt_id), symlinks followed
// only with AT_SYMLINK_FOLLOW, AT_EMPTY_PATH, and EOPNOTSUPP where a file system has no handles.
// Handle bytes themselves differ between kernels (inode numbers, generations): only compared.
#include "contract.h"
#include "cgroup/cg.h"
#include <sys/sysmacros.h>

#ifndef AT_HANDLE_FID
#define AT_HANDLE_FID 0x200
#endif

struct handle { struct file_handle h; unsigned char bytes[128]; };

// Returns the call's result; fills *h (handle_bytes starts as room).
static int get(int dirfd, const char *path, int flags, unsigned room, struct handle *h, int *mnt)
{
    memset(h, 0, sizeof *h);
    h->h.handle_bytes = room;
    *mnt = -1;
    return name_to_handle_at(dirfd, path, &h->h, mnt, flags);
}

static void show(const char *label, int dirfd, const char *path, int flags, unsigned room)
{
    struct handle h;
    int mnt;
    if (get(dirfd, path, flags, room, &h, &mnt) != 0) {
        say("%s: %s (bytes %u type %d, mount id %s)\n", label, ct_errname(errno), h.h.handle_bytes,
            h.h.handle_type, mnt >= 0 ? "set" : "unset");
        return;
    }
    say("%s: ok, bytes %u type %d\n", label, h.h.handle_bytes, h.h.handle_type);
}

static int same(const char *a, int fa, const char *b, int fb)
{
    struct handle x, y;
    int m1, m2;
    if (get(AT_FDCWD, a, fa, 128, &x, &m1) || get(AT_FDCWD, b, fb, 128, &y, &m2)) return -1;
    return m1 == m2 && x.h.handle_bytes == y.h.handle_bytes && x.h.handle_type == y.h.handle_type &&
           !memcmp(x.bytes, y.bytes, x.h.handle_bytes);
}

static int fdinfo_mnt_id(int fd)
{
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/self/fdinfo/%d", fd);
    if (ct_read_file(path, buf, sizeof buf) < 0) return -2;
    char *p = strstr(buf, "mnt_id:");
    return p ? atoi(p + 7) : -3;
}

int main(void)
{
    ct_write_file("file", "x", 0644);
    ct_write_file("other", "y", 0644);
    symlink("file", "link");
    show("tmpfs file", AT_FDCWD, "file", 0, 128);
    show("tmpfs probe with no room", AT_FDCWD, "file", 0, 0);
    show("tmpfs with 8 bytes", AT_FDCWD, "file", 0, 8);
    show("tmpfs with 12 bytes", AT_FDCWD, "file", 0, 12);
    show("room over MAX_HANDLE_SZ", AT_FDCWD, "file", 0, 129);
    show("bad flag", AT_FDCWD, "file", 1, 128);
    show("AT_HANDLE_FID (not in 6.1)", AT_FDCWD, "file", AT_HANDLE_FID, 128);
    show("missing", AT_FDCWD, "nope", 0, 128);
    show("empty path without AT_EMPTY_PATH", AT_FDCWD, "", 0, 128);
    say("same file twice: %d\n", same("file", 0, "file", 0));
    say("two files: %d\n", same("file", 0, "other", 0));
    say("symlink itself vs target: %d\n", same("link", 0, "file", 0));
    say("symlink followed vs target: %d\n", same("link", AT_SYMLINK_FOLLOW, "file", 0));
    int fd = open("file", O_RDONLY);
    struct handle a, b;
    int m1, m2;
    get(fd, "", AT_EMPTY_PATH, 128, &a, &m1);
    get(AT_FDCWD, "file", 0, 128, &b, &m2);
    say("AT_EMPTY_PATH on the fd: same %d\n", m1 == m2 && !memcmp(a.bytes, b.bytes, a.h.handle_bytes));
    say("mount id is fdinfo's mnt_id: %d\n", m1 == fdinfo_mnt_id(fd));
    RET(name_to_handle_at(AT_FDCWD, "file", (struct file_handle *)8, &m1, 0));
    show("devtmpfs /dev/null", AT_FDCWD, "/dev/null", 0, 128);
    show("proc", AT_FDCWD, "/proc/self/status", 0, 128);
    show("proc probe", AT_FDCWD, "/proc/self/status", 0, 0);
    mkdir("sys", 0755);
    RET(mount("sysfs", "sys", "sysfs", 0, NULL));
    show("sysfs", AT_FDCWD, "sys/kernel", 0, 128);
    RET(umount("sys"));
    show("devpts", AT_FDCWD, "/dev/pts/ptmx", 0, 128);
    int p[2];
    pipe(p);
    show("pipe", p[0], "", AT_EMPTY_PATH, 128);
    cg_setup();
    show("cgroup2 root", AT_FDCWD, cg_path(""), 0, 128);
    struct handle c;
    int mc;
    struct stat st;
    if (get(AT_FDCWD, cg_path(""), 0, 128, &c, &mc) == 0 && stat(cg_path(""), &st) == 0) {
        unsigned long long id;
        memcpy(&id, c.bytes, 8);
        say("cgroup2 handle is the inode number: %d\n", id == (unsigned long long)st.st_ino);
    }
    cg_teardown();
    return 0;
}
