// SPDX-License-Identifier: MIT
// /proc/self/maps as Linux formats it: columns and widths, the offset, device and inode of file
// mappings, [heap] and [stack], the program's and loader's segments (permissions and offsets),
// " (deleted)" after unlink, and /proc/self/exe (also for a deleted program).
#include "contract.h"
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>

static char maps[1 << 16];

static void load(void) { ct_read_file("/proc/self/maps", maps, sizeof maps); }

// The line containing addr, copied out (NULL when unmapped).
static const char *line_of(const void *addr)
{
    static char line[512];
    unsigned long a = (unsigned long)addr;
    for (char *l = maps; *l;) {
        char *nl = strchr(l, '\n');
        size_t n = nl ? (size_t)(nl - l) : strlen(l);
        unsigned long lo, hi;
        if (sscanf(l, "%lx-%lx", &lo, &hi) == 2 && a >= lo && a < hi) {
            memcpy(line, l, n < sizeof line - 1 ? n : sizeof line - 1);
            line[n < sizeof line - 1 ? n : sizeof line - 1] = 0;
            return line;
        }
        if (!nl) break;
        l = nl + 1;
    }
    return NULL;
}

static const char *name_of(const char *line) { return strlen(line) > 73 ? line + 73 : ""; }

static int well_formed(const char *l)
{
    unsigned long lo, hi, off, ino;
    char perms[5];
    unsigned maj, min;
    int n = 0;
    if (sscanf(l, "%lx-%lx %4s %lx %x:%x %lu%n", &lo, &hi, perms, &off, &maj, &min, &ino, &n) != 7) return 0;
    if (lo >= hi || (lo & 4095) || (hi & 4095)) return 0;
    // Fixed widths: addresses at least 8 hex digits, offset 8, device 2:2.
    const char *sp = strchr(l, ' ');
    if (sp - l < 17) return 0;
    if (l[sp - l + 5] != ' ' || l[sp - l + 14] != ' ' || l[sp - l + 17] != ':') return 0;
    if (strchr("r-", perms[0]) == NULL || strchr("w-", perms[1]) == NULL || strchr("x-", perms[2]) == NULL ||
        strchr("ps", perms[3]) == NULL)
        return 0;
    // Either nothing after the inode (and one space), or the name at column 73.
    if (l[n] == 0) return 0;
    if (l[n] == ' ' && l[n + 1] == 0) return 1;
    for (int i = n; i < 73; i++)
        if (l[i] != ' ') return 0;
    return l[73] != ' ' && l[73] != 0;
}

// The segments of one file, as "perms offset" pairs in address order.
static void segments(const char *label, const char *suffix)
{
    char out[512] = "";
    int count = 0;
    for (char *l = maps; *l;) {
        char *nl = strchr(l, '\n');
        if (nl) *nl = 0;
        size_t len = strlen(l);
        size_t sl = strlen(suffix);
        if (len > sl && !strcmp(l + len - sl, suffix)) {
            char perms[5];
            unsigned long off;
            sscanf(l, "%*lx-%*lx %4s %lx", perms, &off);
            snprintf(out + strlen(out), sizeof out - strlen(out), " %s@%lx", perms, off);
            count++;
        }
        if (nl) *nl = '\n';
        if (!nl) break;
        l = nl + 1;
    }
    say("%s segments:%s\n", label, count ? out : " none");
}

int main(int argc, char **argv)
{
    if (argc >= 2 && !strcmp(argv[1], "deleted")) {
        unlink(argv[0][0] ? "/tmp/t/copy" : "");
        char exe[256] = {0};
        readlink("/proc/self/exe", exe, sizeof exe - 1);
        say("deleted program: exe -> %s\n", exe);
        load();
        const char *l = line_of((void *)&main);
        say("its code line ends with: %s\n", l && strstr(l, " (deleted)") ? "(deleted)" : l ? name_of(l) : "unmapped");
        return 0;
    }
    char exe[256] = {0};
    say("readlink /proc/self/exe: %s\n", readlink("/proc/self/exe", exe, sizeof exe - 1) > 0 ? exe : ct_errname(errno));

    int fd = open("data", O_RDWR | O_CREAT | O_TRUNC, 0644);
    ftruncate(fd, 4 * 4096);
    char *m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 2 * 4096);
    char *prv = mmap(NULL, 2 * 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 4096);
    unsigned long cur = syscall(SYS_brk, 0);
    syscall(SYS_brk, cur + 2 * 4096);
    char *anon = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *shanon = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    int local;
    load();
    int all = 1, lines = 0;
    for (char *l = maps; *l;) {
        char *nl = strchr(l, '\n');
        if (nl) *nl = 0;
        if (!well_formed(l)) {
            all = 0;
            say("malformed: [%s]\n", l);
        }
        lines++;
        if (nl) *nl = '\n';
        if (!nl) break;
        l = nl + 1;
    }
    say("lines well formed: %s (more than 5: %s)\n", all ? "yes" : "no", lines > 5 ? "yes" : "no");

    struct stat st;
    fstat(fd, &st);
    const char *l = line_of(m);
    unsigned long off, ino;
    unsigned maj, min;
    char perms[5];
    sscanf(l, "%*lx-%*lx %4s %lx %x:%x %lu", perms, &off, &maj, &min, &ino);
    say("shared file: %s offset %lx dev matches %s inode matches %s name %s\n", perms, off,
        maj == major(st.st_dev) && min == minor(st.st_dev) ? "yes" : "no", ino == st.st_ino ? "yes" : "no", name_of(l));
    l = line_of(prv);
    sscanf(l, "%*lx-%*lx %4s %lx", perms, &off);
    say("private file: %s offset %lx name %s\n", perms, off, name_of(l));
    l = line_of(anon);
    sscanf(l, "%*lx-%*lx %4s %lx %x:%x %lu", perms, &off, &maj, &min, &ino);
    say("anonymous: %s offset %lx dev %x:%x inode %lu name '%s'\n", perms, off, maj, min, ino, name_of(l));
    l = line_of(shanon);
    sscanf(l, "%*lx-%*lx %4s", perms);
    say("shared anonymous: %s name '%s'\n", perms, name_of(l));
    l = line_of((void *)(cur + 4096));
    say("heap: %s\n", l ? name_of(l) : "unmapped");
    l = line_of(&local);
    say("stack: %s\n", l ? name_of(l) : "unmapped");
    l = line_of((void *)&main);
    sscanf(l, "%*lx-%*lx %4s", perms);
    say("code: %s, named by the exe link: %s\n", perms, !strcmp(name_of(l), exe) ? "yes" : "no");
    segments("program", exe);
    segments("loader", "/ld-linux-x86-64.so.2");

    unlink("data");
    load();
    say("after unlink: %s\n", name_of(line_of(m)));

    // A copy of the program that deletes itself.
    int in = open(exe, O_RDONLY), out = open("copy", O_WRONLY | O_CREAT | O_TRUNC, 0755);
    static char buf[65536];
    ssize_t n;
    while ((n = read(in, buf, sizeof buf)) > 0) write(out, buf, n);
    close(in);
    close(out);
    pid_t pid = fork();
    if (pid == 0) {
        char *av[] = {"/tmp/t/copy", (char *)ct_name, "deleted", NULL};
        execv("/tmp/t/copy", av);
        _exit(127);
    }
    ct_wait(pid);
    return 0;
}
