// SPDX-License-Identifier: MIT
// cgroup2: mounting (options, statfs, /proc/filesystems, /proc/self/mounts, one shared tree) and
// the interface files of the root and of a child with their modes and initial contents.
#include "contract.h"
#include "cg.h"

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

// Interface files of the core and of the controllers Aramid provides; Linux's others
// (cpuset.*, memory.*, io.*, pressure files...) are left out of the comparison. cgroup.freeze
// and cgroup.pressure are left out too: Aramid has no freezer and no PSI.
static int interesting(const char *n)
{
    if (!strcmp(n, "cgroup.freeze") || !strcmp(n, "cgroup.pressure")) return 0;
    return !strncmp(n, "cgroup.", 7) || !strncmp(n, "pids.", 5) || !strcmp(n, "cpu.stat");
}

static void list(const char *rel)
{
    DIR *d = opendir(cg_path(rel));
    if (!d) {
        say("opendir %s: %s\n", rel, ct_errname(errno));
        return;
    }
    char *names[128];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 128)
        if (interesting(e->d_name)) names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, n, sizeof names[0], cmp);
    for (int i = 0; i < n; i++) {
        char p[300];
        struct stat st;
        snprintf(p, sizeof p, "%s%s%s", rel, rel[0] ? "/" : "", names[i]);
        if (stat(cg_path(p), &st)) say("  %s: %s\n", names[i], ct_errname(errno));
        else say("  %s %o uid=%u size=%lld\n", names[i], st.st_mode, st.st_uid, (long long)st.st_size);
        free(names[i]);
    }
}

static void mount_line(const char *path)
{
    char buf[8192];
    ct_read_file("/proc/self/mounts", buf, sizeof buf);
    char *save = NULL;
    for (char *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        char src[128], at[256], type[64], opts[256];
        if (sscanf(l, "%127s %255s %63s %255s", src, at, type, opts) != 4) continue;
        if (!strcmp(at, path)) say("mounts: %s %s %s\n", src, type, opts);
    }
}

// The part of the mountinfo line after " - " (type, source, super options) and the root.
static void mountinfo_line(const char *path)
{
    char buf[8192];
    ct_read_file("/proc/self/mountinfo", buf, sizeof buf);
    char *save = NULL;
    for (char *l = strtok_r(buf, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
        char root[256], at[256];
        if (sscanf(l, "%*s %*s %*s %255s %255s", root, at) != 2 || strcmp(at, path)) continue;
        char *tail = strstr(l, " - ");
        say("mountinfo: root %s,%s\n", root, tail ? tail + 2 : "?");
    }
}

int main(void)
{
    char buf[4096];
    ct_read_file("/proc/filesystems", buf, sizeof buf);
    FACT("filesystems lists nodev cgroup2", strstr(buf, "nodev\tcgroup2\n") != NULL);
    cg_setup();
    struct statfs s;
    RET(statfs(cg_root, &s));
    FACT("f_type is CGROUP2_SUPER_MAGIC", s.f_type == CG2_MAGIC);
    struct stat st;
    RET(stat(cg_root, &st));
    say("root mode %o uid %u\n", st.st_mode, st.st_uid);

    // Mount options: each mount applies its flags to the one hierarchy.
    mkdir("/tmp/t/m2", 0755);
    RET(mount("none", "/tmp/t/m2", "cgroup2", 0, "bogus"));
    RET(mount("none", "/tmp/t/m2", "cgroup2", 0, "nsdelegate,memory_recursiveprot"));
    mount_line("/tmp/t/m2");
    mountinfo_line("/tmp/t/m2");
    RET(mount("none", "/tmp/t/m2", "cgroup2", MS_REMOUNT, ""));
    mount_line("/tmp/t/m2");
    RET(statfs("/tmp/t/m2", &s));
    FACT("second mount f_type", s.f_type == CG2_MAGIC);
    RET(mkdir(cg_path("ct_mount_files"), 0755));
    struct stat a, b;
    RET(stat("/tmp/t/m2/ct_mount_files", &b));
    RET(stat(cg_path("ct_mount_files"), &a));
    FACT("same tree through both mounts", a.st_ino == b.st_ino && a.st_dev == b.st_dev);
    FACT("child is a directory", S_ISDIR(a.st_mode));
    say("child mode %o nlink %lu\n", a.st_mode & 07777, (unsigned long)a.st_nlink);
    // On its own root again: refused, but the options still apply (as Linux's get_tree first).
    RET(mount("/x", "/tmp/t/m2", "cgroup2", MS_NOSUID | MS_NODEV | MS_NOEXEC, "memory_localevents"));
    mount_line("/tmp/t/m2");
    mkdir("/tmp/t/m3", 0755);
    RET(mount("/x", "/tmp/t/m3", "cgroup2", MS_NOSUID | MS_NODEV | MS_NOEXEC, "nsdelegate"));
    mount_line("/tmp/t/m3");
    mountinfo_line("/tmp/t/m3");
    RET(umount("/tmp/t/m3"));
    mount_line(cg_root);
    RET(umount("/tmp/t/m2"));
    if (cg_mounted_here) RET(mount("none", cg_root, "cgroup2", MS_REMOUNT, ""));   // options back to none

    say("root files:\n");
    list("");
    say("child files:\n");
    list("ct_mount_files");
    FACT("root has no cgroup.events", access(cg_path("cgroup.events"), F_OK) != 0);
    FACT("child has cgroup.kill", access(cg_path("ct_mount_files/cgroup.kill"), F_OK) == 0);
    cg_read("cgroup.controllers", buf, sizeof buf);
    FACT("root controllers include pids", strstr(buf, "pids") != NULL);
    cg_show("ct_mount_files/cgroup.controllers");
    cg_show("ct_mount_files/cgroup.subtree_control");
    cg_show("ct_mount_files/cgroup.type");
    cg_show("ct_mount_files/cgroup.events");
    cg_show("ct_mount_files/cgroup.max.depth");
    cg_show("ct_mount_files/cgroup.max.descendants");
    cg_show("ct_mount_files/cgroup.stat");
    cg_show("ct_mount_files/cgroup.procs");
    cg_show("ct_mount_files/cgroup.threads");
    cg_show("cgroup.max.depth");
    FACT("root cpu.stat has usage_usec", cg_key("cpu.stat", "usage_usec") >= 0);
    long long u = cg_key("ct_mount_files/cpu.stat", "usage_usec");
    say("child cpu.stat usage_usec: %lld\n", u);
    cg_show("ct_mount_files/cpu.stat");
    RET(cg_read("ct_mount_files/cgroup.kill", buf, sizeof buf));
    RET(rmdir(cg_path("ct_mount_files")));
    cg_teardown();
    return 0;
}
