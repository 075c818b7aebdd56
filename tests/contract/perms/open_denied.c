// SPDX-License-Identifier: MIT
// As uid 1000: open honours owner/group/other bits, root-owned files, O_TRUNC needs write, EACCES vs EPERM.
#include "contract.h"

int main(void)
{
    chmod(".", 0777);
    ct_write_file("r0", "x", 0400);
    ct_write_file("mine", "x", 0644);
    chown("mine", 1000, 1000);
    ct_write_file("other_r", "x", 0644);
    ct_write_file("other_none", "x", 0640);
    ct_write_file("grp", "x", 0060);
    chown("grp", 0, 1000);
    ct_write_file("own_no_read", "x", 0066);
    chown("own_no_read", 1000, 1000);
    ct_become_user();
    RET(open("r0", O_RDONLY));
    OK(open("mine", O_RDWR));
    OK(open("other_r", O_RDONLY));
    RET(open("other_r", O_WRONLY));
    RET(open("other_r", O_RDONLY | O_TRUNC));
    RET(open("other_none", O_RDONLY));
    OK(open("grp", O_RDWR));
    RET(open("own_no_read", O_RDONLY));
    RET(access("other_r", W_OK));
    RET(access("other_r", R_OK));
    RET(access("own_no_read", R_OK));
    RET(access("grp", R_OK | W_OK));
    RET(access("mine", X_OK));
    RET(open("/dev/null", O_RDWR) >= 0);
    OK(open("newfile", O_CREAT | O_WRONLY, 0600));
    struct stat st;
    stat("newfile", &st);
    say("new file owner: %d:%d\n", st.st_uid, st.st_gid);
    return 0;
}
