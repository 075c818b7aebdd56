// SPDX-License-Identifier: MIT
// /proc/self/mountinfo and mounts: a tmpfs mounted by the test (its parent, device, root, mount point,
// per-mount options, type and source), a read-only remount, a bind mount of a subdirectory (root field),
// escaping of a space in the mount point, and the /proc/mounts symlink.
#include "contract.h"
#include <sys/mount.h>

static char text[16384];
static char cwd[256];

// The mountinfo line whose mount point is path (escaped form); fields split into f[]. Returns the count.
static int find_info(const char *mp, char **f, int max)
{
    ct_read_file("/proc/self/mountinfo", text, sizeof text);
    char *save = NULL;
    for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        char copy[1024], *inner = NULL;
        snprintf(copy, sizeof copy, "%s", l);
        char *fields[32];
        int n = 0;
        for (char *t = strtok_r(copy, " ", &inner); t && n < 32; t = strtok_r(NULL, " ", &inner)) fields[n++] = t;
        if (n > 5 && strcmp(fields[4], mp) == 0) {
            static char keep[1024];
            memcpy(keep, copy, sizeof keep);
            for (int i = 0; i < n && i < max; i++) f[i] = keep + (fields[i] - copy);
            return n;
        }
    }
    return 0;
}

// The id of the mount that contains path: the longest mount point that prefixes it.
static int mount_id_of(const char *path)
{
    ct_read_file("/proc/self/mountinfo", text, sizeof text);
    int best = -1;
    size_t best_len = 0;
    char *save = NULL;
    for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        int id;
        char mp[512];
        if (sscanf(l, "%d %*d %*s %*s %511s", &id, mp) != 2) continue;
        size_t n = strlen(mp);
        if (strncmp(path, mp, n) == 0 && (path[n] == '/' || path[n] == 0 || n == 1) && n >= best_len) {
            best = id;
            best_len = n;
        }
    }
    return best;
}

// The generic part of an options list: Linux adds file-system options (tmpfs "inode64") after them.
static const char *generic(const char *opts)
{
    static char out[256];
    static const char *known[] = {"rw", "ro", "nosuid", "nodev", "noexec", "noatime", "nodiratime", "relatime", NULL};
    char copy[256], *save = NULL;
    snprintf(copy, sizeof copy, "%s", opts);
    out[0] = 0;
    for (char *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save))
        for (int i = 0; known[i]; i++)
            if (!strcmp(t, known[i])) { if (out[0]) strcat(out, ","); strcat(out, t); }
    return out;
}

static void show(const char *label, const char *mp, const char *dir)
{
    char *f[32];
    int n = find_info(mp, f, 32);
    if (!n) { say("%s: not found\n", label); return; }
    int sep = 6;
    while (sep < n && strcmp(f[sep], "-")) sep++;
    struct stat st;
    stat(dir, &st);
    unsigned ma, mi;
    sscanf(f[2], "%u:%u", &ma, &mi);
    say("%s: root %s opts %s optional fields %d type %s source %s super %s\n", label, f[3], f[5], sep - 6, f[sep + 1],
        f[sep + 2], generic(f[sep + 3]));
    FACT("  device is the mount's st_dev", ma == major(st.st_dev) && mi == minor(st.st_dev));
    FACT("  ids differ from the parent's", atoi(f[0]) != atoi(f[1]));
}

int main(void)
{
    getcwd(cwd, sizeof cwd);
    int parent = mount_id_of(cwd);
    mkdir("m", 0755);
    char mp[512];
    snprintf(mp, sizeof mp, "%s/m", cwd);
    RET(mount("none", "m", "tmpfs", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL));
    show("tmpfs", mp, "m");
    char *f[32];
    find_info(mp, f, 32);
    FACT("parent is the mount holding the cwd", atoi(f[1]) == parent);
    FACT("the new mount holds m/", mount_id_of(mp) == atoi(f[0]));

    // /proc/self/mounts: source, mount point, type, options, "0 0".
    ct_read_file("/proc/self/mounts", text, sizeof text);
    char line[512] = "", *save = NULL;
    for (char *l = strtok_r(text, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        char src[128], where[512], type[64], opts[256];
        int a, b;
        if (sscanf(l, "%127s %511s %63s %255s %d %d", src, where, type, opts, &a, &b) == 6 && !strcmp(where, mp))
            snprintf(line, sizeof line, "%s %s %s %d %d", src, type, generic(opts), a, b);
    }
    say("mounts: %s\n", line);

    mkdir("m/sub", 0755);
    mkdir("b", 0755);
    snprintf(mp, sizeof mp, "%s/b", cwd);
    RET(mount("m/sub", "b", NULL, MS_BIND, NULL));
    show("bind", mp, "b");
    RET(umount("b"));

    snprintf(mp, sizeof mp, "%s/m", cwd);
    RET(mount(NULL, "m", NULL, MS_REMOUNT | MS_RDONLY, NULL));
    show("remounted ro", mp, "m");
    RET(umount("m"));
    FACT("gone after umount", find_info(mp, f, 32) == 0);

    mkdir("a b", 0755);
    RET(mount("x y", "a b", "tmpfs", 0, NULL));
    snprintf(mp, sizeof mp, "%s/a\\040b", cwd);
    show("space", mp, "a b");
    ct_read_file("/proc/self/mounts", text, sizeof text);
    FACT("mounts escapes source and mount point", strstr(text, "x\\040y ") && strstr(text, "/a\\040b tmpfs "));
    RET(umount("a b"));

    char buf[64];
    ssize_t n = readlink("/proc/mounts", buf, sizeof buf - 1);
    buf[n > 0 ? n : 0] = 0;
    say("/proc/mounts -> %s\n", buf);
    FACT("/proc is listed as proc", strstr(text, "proc /proc proc rw,") != NULL);
    return 0;
}
