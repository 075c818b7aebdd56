// SPDX-License-Identifier: MIT
// rename edge cases with directories: over empty/non-empty dirs, dir over file, file over dir, into itself.
#include "contract.h"

int main(void)
{
    mkdir("a", 0755);
    ct_write_file("a/f", "x", 0644);
    mkdir("empty", 0755);
    mkdir("full", 0755);
    ct_write_file("full/g", "", 0644);
    ct_write_file("file", "", 0644);
    RET(rename("a", "full"));
    RET(rename("a", "file"));
    RET(rename("file", "empty"));
    RET(rename("a", "a/sub"));
    RET(rename("a", "a/f/x"));
    mkdir("a/inner", 0755);
    RET(rename("a", "a/inner/x"));
    RET(rename("a/inner", "a"));
    RET(rename("a", "empty"));
    RET(access("a", F_OK));
    RET(access("empty/f", F_OK));
    RET(rename("empty", "renamed/"));
    RET(rename("renamed", "again/"));
    RET(rename("again/", "final"));
    RET(rename("final/.", "x"));
    RET(rename("final/..", "x"));
    RET(rename("final", "final/."));
    RET(rename(".", "x"));
    RET(rename("final", "."));
    mkdir("x", 0755);
    mkdir("x/y", 0755);
    RET(rename("x/y", "x"));
    RET(rename("x", "x/y/z"));
    return 0;
}
