// SPDX-License-Identifier: MIT
// CAP_FOWNER (chmod, explicit utimes, O_NOATIME, sticky directories, on another user's files)
// and CAP_FSETID (set-group-ID kept by chmod for a non-member, set-ID bits kept by a write).
#include "caps.h"

static void show_mode(const char *path)
{
    struct stat st;
    if (stat(path, &st)) { say("stat %s: %s\n", path, ct_errname(errno)); return; }
    say("%s: mode %04o\n", path, st.st_mode & 07777);
}

static void owner_ops(void)
{
    RET(chmod("theirs", 0640));
    show_mode("theirs");
    struct timespec ts[2] = {{1000, 0}, {2000, 0}};
    RET(utimensat(AT_FDCWD, "theirs", ts, 0));
    RET(utimensat(AT_FDCWD, "theirs", NULL, 0));   // "now": write permission is enough
    int fd = open("theirs", O_RDONLY | O_NOATIME);
    say("open O_NOATIME: %s\n", fd >= 0 ? "ok" : ct_errname(errno));
    if (fd >= 0) close(fd);
    fd = open("theirs", O_RDONLY);
    RET(fcntl(fd, F_SETFL, O_NOATIME));
    close(fd);
    RET(unlink("sticky/theirs"));
    RET(rename("sticky/theirs2", "sticky/moved"));
    RET(chmod("mine", 0600));
}

static void with_fowner(void) { owner_ops(); }

static void without_fowner(void)
{
    RET(caps_drop(C_FOWNER, 0));
    owner_ops();
}

static void setgid_bits(void)
{
    // Root is not in group 1000: chmod g+s keeps the bit only with CAP_FSETID.
    RET(chmod("grp", 02755));
    show_mode("grp");
    RET(caps_drop(C_FSETID, 0));
    RET(chmod("grp", 02750));
    show_mode("grp");
    // A write by a process without CAP_FSETID clears set-user-ID and group-executable
    // set-group-ID.
    int fd = open("setid", O_WRONLY | O_APPEND);
    RET(write(fd, "y", 1));
    close(fd);
    show_mode("setid");
    RET(chmod("setid", 06755));
    show_mode("setid");
    // So do truncate, ftruncate and O_TRUNC.
    RET(truncate("setid", 1));
    show_mode("setid");
    RET(chmod("setid", 06755));
    fd = open("setid", O_WRONLY);
    RET(ftruncate(fd, 0));
    close(fd);
    show_mode("setid");
    RET(chmod("setid", 06755));
    fd = open("setid", O_WRONLY | O_TRUNC);
    close(fd);
    show_mode("setid");
    RET(chmod("setid", 06755));
    RET(truncate("setid", 0));   // same size: still a change of attributes
    show_mode("setid");
}

static void write_with_fsetid(void)
{
    int fd = open("setid", O_WRONLY | O_APPEND);
    RET(write(fd, "y", 1));
    close(fd);
    show_mode("setid");
}

int main(void)
{
    ct_write_file("theirs", "x", 0666);
    RET(chown("theirs", 1000, 1000));
    ct_write_file("mine", "x", 0644);
    RET(mkdir("sticky", 01777));
    ct_write_file("sticky/theirs", "x", 0644);
    ct_write_file("sticky/theirs2", "x", 0644);
    RET(chown("sticky/theirs", 1000, 1000));
    RET(chown("sticky/theirs2", 1000, 1000));
    RET(chown("sticky", 1001, 1001));
    caps_step("without CAP_FOWNER", without_fowner);
    caps_step("with CAP_FOWNER", with_fowner);
    ct_write_file("grp", "x", 0755);
    RET(chown("grp", 0, 1000));
    ct_write_file("setid", "x", 0755);
    RET(chmod("setid", 06755));
    caps_step("with CAP_FSETID", write_with_fsetid);
    caps_step("CAP_FSETID", setgid_bits);
    return 0;
}
