// SPDX-License-Identifier: MIT
// CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH as generic_permission() applies them: read/write of
// a mode-000 file, execute only when some x bit is set, read and search of a mode-000 directory,
// writes into it; access() checks the real uid's permitted set; AT_EMPTY_PATH links need
// CAP_DAC_READ_SEARCH.
#include "caps.h"
#include <dirent.h>

static void try_open(const char *path, int flags, const char *what)
{
    int fd = open(path, flags);
    say("open %s %s: %s\n", path, what, fd >= 0 ? "ok" : ct_errname(errno));
    if (fd >= 0) close(fd);
}

static void probe(void)
{
    try_open("none", O_RDONLY, "read");
    try_open("none", O_WRONLY, "write");
    try_open("none", O_RDWR, "rdwr");
    RET(faccessat(AT_FDCWD, "none", X_OK, AT_EACCESS));
    RET(faccessat(AT_FDCWD, "xuser", X_OK, AT_EACCESS));
    RET(faccessat(AT_FDCWD, "xuser", R_OK, AT_EACCESS));
    char *argv[] = {"none", NULL};
    RET(execve("./none", argv, argv + 1));
    DIR *d = opendir("closed");
    say("opendir closed: %s\n", d ? "ok" : ct_errname(errno));
    if (d) closedir(d);
    struct stat st;
    RET(stat("closed/inner", &st));
    try_open("closed/inner", O_RDONLY, "read");
    RET(mkdir("closed/new", 0755));
    RET(unlink("closed/inner2"));
    RET(faccessat(AT_FDCWD, "closed", X_OK, AT_EACCESS));
    RET(faccessat(AT_FDCWD, "closed", W_OK, AT_EACCESS));
    // access() uses the real uid: root's permitted set, whatever the effective set says.
    RET(access("none", R_OK | W_OK));
    int fd = open(".", O_RDONLY | O_DIRECTORY);
    RET(linkat(fd, "", AT_FDCWD, "emptylink", AT_EMPTY_PATH));
    close(fd);
    unlink("emptylink");
}

static void all_caps(void) { probe(); }

static void no_override(void)
{
    RET(caps_drop(C_DAC_OVERRIDE, 0));
    probe();
}

static void no_read_search(void)
{
    RET(caps_drop(C_DAC_READ_SEARCH, 0));
    probe();
}

static void neither(void)
{
    RET(caps_drop(C_DAC_OVERRIDE, 0));
    RET(caps_drop(C_DAC_READ_SEARCH, 0));
    probe();
    RET(caps_drop(C_DAC_OVERRIDE, 1));
    RET(caps_drop(C_DAC_READ_SEARCH, 1));
    RET(access("none", R_OK));
}

int main(void)
{
    ct_write_file("none", "#!/bin/sh\nexit 0\n", 0);
    ct_write_file("xuser", "#!/bin/sh\nexit 0\n", 0100);
    RET(chown("xuser", 1000, 1000));
    RET(mkdir("closed", 0755));
    ct_write_file("closed/inner", "x", 0644);
    ct_write_file("closed/inner2", "x", 0644);
    RET(chmod("closed", 0));
    caps_step("all capabilities", all_caps);
    ct_write_file("closed/inner2", "x", 0644);
    rmdir("closed/new");
    caps_step("without DAC_OVERRIDE", no_override);
    ct_write_file("closed/inner2", "x", 0644);
    rmdir("closed/new");
    caps_step("without DAC_READ_SEARCH", no_read_search);
    ct_write_file("closed/inner2", "x", 0644);
    rmdir("closed/new");
    caps_step("without either", neither);
    return 0;
}
