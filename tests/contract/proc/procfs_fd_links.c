// SPDX-License-Identifier: MIT
// /proc/<pid>/fd and fdinfo: link modes by access mode, targets (paths, "(deleted)", pipe:[inode]),
// fdinfo's lines (pos, flags with O_CLOEXEC, mnt_id, ino), and what another user may see of a process:
// no fd/, exe, environ or maps, and stat with the address fields hidden.
#include "contract.h"

static void link_mode(int fd, const char *label)
{
    char p[64];
    struct stat st;
    snprintf(p, sizeof p, "/proc/self/fd/%d", fd);
    if (lstat(p, &st)) say("%s: %s\n", label, ct_errname(errno));
    else say("%s: mode %06o size %ld\n", label, st.st_mode, (long)st.st_size);
}

static ssize_t link_of(int fd, char *buf, size_t cap)
{
    char p[64];
    snprintf(p, sizeof p, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(p, buf, cap - 1);
    buf[n > 0 ? n : 0] = 0;
    return n;
}

static char *fdinfo(int fd)
{
    static char buf[512];
    char p[64];
    snprintf(p, sizeof p, "/proc/self/fdinfo/%d", fd);
    ct_read_file(p, buf, sizeof buf);
    return buf;
}

static long field_of(const char *text, const char *key, int base)
{
    const char *p = strstr(text, key);
    return p ? strtol(p + strlen(key), 0, base) : -1;
}

int main(void)
{
    int r = open("f", O_RDONLY | O_CREAT, 0644);
    int w = open("f", O_WRONLY);
    int rw = open("f", O_RDWR | O_APPEND | O_CLOEXEC);
    int pa = open("f", O_PATH);
    link_mode(r, "O_RDONLY");
    link_mode(w, "O_WRONLY");
    link_mode(rw, "O_RDWR");
    link_mode(pa, "O_PATH");

    char cwd[256], want[300], buf[512];
    getcwd(cwd, sizeof cwd);
    snprintf(want, sizeof want, "%s/f", cwd);
    link_of(r, buf, sizeof buf);
    FACT("link is the file's path", strcmp(buf, want) == 0);
    int d = open(".", O_RDONLY | O_DIRECTORY);
    link_of(d, buf, sizeof buf);
    FACT("directory link is the cwd", strcmp(buf, cwd) == 0);

    write(rw, "12345", 5);
    char *info = fdinfo(rw);
    struct stat st;
    fstat(rw, &st);
    say("fdinfo lines: pos %ld flags %lo\n", field_of(info, "pos:\t", 10), field_of(info, "flags:\t", 8));
    FACT("fdinfo keys in order", strncmp(info, "pos:\t", 5) == 0 && strstr(info, "\nflags:\t0") &&
         strstr(info, "\nmnt_id:\t") > strstr(info, "\nflags:") && strstr(info, "\nino:\t") > strstr(info, "\nmnt_id:"));
    FACT("fdinfo ino is the inode", field_of(info, "\nino:\t", 10) == (long)st.st_ino);
    long mnt = field_of(info, "\nmnt_id:\t", 10);
    FACT("fdinfo mnt_id same as the directory's", mnt == field_of(fdinfo(d), "\nmnt_id:\t", 10));
    lseek(r, 3, SEEK_SET);
    say("O_RDONLY: pos %ld flags %lo\n", field_of(fdinfo(r), "pos:\t", 10), field_of(fdinfo(r), "flags:\t", 8));
    int dup = fcntl(rw, F_DUPFD, 0);
    say("dup without cloexec: flags %lo\n", field_of(fdinfo(dup), "flags:\t", 8));
    fcntl(dup, F_SETFL, O_NONBLOCK);
    say("after F_SETFL O_NONBLOCK: flags %lo (shared with original: %d)\n", field_of(fdinfo(dup), "flags:\t", 8),
        field_of(fdinfo(rw), "flags:\t", 8) == (field_of(fdinfo(dup), "flags:\t", 8) | O_CLOEXEC));

    unlink("f");
    link_of(r, buf, sizeof buf);
    snprintf(want, sizeof want, "%s/f (deleted)", cwd);
    FACT("unlinked file link ends with (deleted)", strcmp(buf, want) == 0);

    int p[2];
    pipe(p);
    fstat(p[0], &st);
    link_of(p[0], buf, sizeof buf);
    snprintf(want, sizeof want, "pipe:[%lu]", (unsigned long)st.st_ino);
    FACT("pipe link is pipe:[inode]", strcmp(buf, want) == 0);
    link_of(p[1], want, sizeof want);
    FACT("both ends name the same pipe", strcmp(buf, want) == 0);
    say("pipe fdinfo: pos %ld flags %lo\n", field_of(fdinfo(p[1]), "pos:\t", 10), field_of(fdinfo(p[1]), "flags:\t", 8));
    link_mode(p[0], "pipe read end");
    link_mode(p[1], "pipe write end");

    close(w);
    snprintf(buf, sizeof buf, "/proc/self/fd/%d", w);
    RET(access(buf, F_OK));
    snprintf(buf, sizeof buf, "/proc/self/fdinfo/%d", w);
    RET(access(buf, F_OK));
    RET(readlink("/proc/self/fd/999", buf, sizeof buf));

    // Another user looking at us (root): status and cmdline yes; fd/, exe, cwd, environ, maps no; stat's
    // address fields hidden.
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        ct_become_user();
        char q[64];
        snprintf(q, sizeof q, "/proc/%d/status", (int)parent);
        say("user: open status: %s\n", open(q, O_RDONLY) >= 0 ? "ok" : ct_errname(errno));
        snprintf(q, sizeof q, "/proc/%d/cmdline", (int)parent);
        say("user: open cmdline: %s\n", open(q, O_RDONLY) >= 0 ? "ok" : ct_errname(errno));
        snprintf(q, sizeof q, "/proc/%d/environ", (int)parent);
        say("user: open environ: %s\n", open(q, O_RDONLY) >= 0 ? "ok" : ct_errname(errno));
        snprintf(q, sizeof q, "/proc/%d/maps", (int)parent);
        say("user: open maps: %s\n", open(q, O_RDONLY) >= 0 ? "ok" : ct_errname(errno));
        snprintf(q, sizeof q, "/proc/%d/fd", (int)parent);
        say("user: opendir fd: %s\n", open(q, O_RDONLY | O_DIRECTORY) >= 0 ? "ok" : ct_errname(errno));
        snprintf(q, sizeof q, "/proc/%d/exe", (int)parent);
        say("user: readlink exe: %s\n", readlink(q, buf, sizeof buf) >= 0 ? "ok" : ct_errname(errno));
        snprintf(q, sizeof q, "/proc/%d/cwd", (int)parent);
        say("user: readlink cwd: %s\n", readlink(q, buf, sizeof buf) >= 0 ? "ok" : ct_errname(errno));
        snprintf(q, sizeof q, "/proc/%d/stat", (int)parent);
        static char text[1024];
        ct_read_file(q, text, sizeof text);
        char *f = strrchr(text, ')') + 2;
        char *fields[64];
        int n = 0;
        for (char *t = strtok(f, " \n"); t && n < 64; t = strtok(NULL, " \n")) fields[n++] = t;
        say("user: stat fields %d start_code %s end_code %s start_stack %s arg_start %s env_end %s exit_code %s\n", n + 2,
            fields[26 - 3], fields[27 - 3], fields[28 - 3], fields[48 - 3], fields[51 - 3], fields[52 - 3]);
        snprintf(q, sizeof q, "/proc/%d/fd", (int)getpid());
        say("user: own fd dir: %s\n", open(q, O_RDONLY | O_DIRECTORY) >= 0 ? "ok" : ct_errname(errno));
        _exit(0);
    }
    ct_wait(pid);
    return 0;
}
