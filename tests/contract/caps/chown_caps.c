// SPDX-License-Identifier: MIT
// CAP_CHOWN: root without it may not give a file away or move it to a group it is not in, but
// may still "change" to the current owner and group; with it, chown/fchown/fchownat work.
#include "caps.h"

static void show_owner(const char *path)
{
    struct stat st;
    if (stat(path, &st)) { say("stat %s: %s\n", path, ct_errname(errno)); return; }
    say("%s: uid %u gid %u mode %04o\n", path, st.st_uid, st.st_gid, st.st_mode & 07777);
}

static void attempts(void)
{
    RET(chown("f", 1000, -1));
    RET(chown("f", -1, 1000));
    RET(chown("f", 0, 0));
    RET(chown("f", -1, -1));
    int fd = open("f", O_RDONLY);
    RET(fchown(fd, 1000, 1000));
    close(fd);
    RET(fchownat(AT_FDCWD, "f", 1000, -1, 0));
    RET(lchown("link", 1000, -1));
    RET(chown("user", 0, -1));
    RET(chown("user", 1000, 1000));
    show_owner("f");
    show_owner("user");
}

static void without(void)
{
    RET(caps_drop(C_CHOWN, 0));
    attempts();
    // Supplementary groups count for chgrp by the owner.
    gid_t g = 1000;
    RET(setgroups(1, &g));
    RET(chown("f", -1, 1000));
    show_owner("f");
}

static void with_chown_only(void)
{
    // CAP_CHOWN alone (no FOWNER/DAC_OVERRIDE) is enough, and chown still clears set-user-ID.
    ct_caps c = {1ull << C_CHOWN, 1ull << C_CHOWN, 0};
    RET(caps_set(&c));
    attempts();
    RET(chown("suid", 1000, -1));
    show_owner("suid");
    RET(chown("sgid", -1, 1000));
    show_owner("sgid");
}

int main(void)
{
    ct_write_file("f", "x", 0644);
    ct_write_file("user", "x", 0644);
    RET(chown("user", 1000, 1000));
    RET(symlink("f", "link"));
    ct_write_file("suid", "x", 0755);
    RET(chmod("suid", 04755));
    ct_write_file("sgid", "x", 0755);
    RET(chmod("sgid", 02755));
    caps_step("without CAP_CHOWN", without);
    RET(chown("f", 0, 0));
    RET(chown("user", 1000, 1000));
    caps_step("only CAP_CHOWN", with_chown_only);
    return 0;
}
