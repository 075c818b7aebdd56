// SPDX-License-Identifier: MIT
// renameat2: RENAME_NOREPLACE (EEXIST), RENAME_EXCHANGE (swap file/dir), invalid flag combinations.
#include "contract.h"
#include <sys/syscall.h>

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE 1
#define RENAME_EXCHANGE 2
#define RENAME_WHITEOUT 4
#endif
static long r2(const char *a, const char *b, unsigned f) { return syscall(SYS_renameat2, AT_FDCWD, a, AT_FDCWD, b, f); }
static void cat(const char *p) { char b[32] = {0}; if (ct_read_file(p, b, sizeof b) < 0) say("%s: %s\n", p, ct_errname(errno)); else say("%s: %s\n", p, b); }

int main(void)
{
    ct_write_file("a", "A", 0644);
    ct_write_file("b", "B", 0644);
    RET(r2("a", "b", RENAME_NOREPLACE));
    RET(r2("a", "c", RENAME_NOREPLACE));
    cat("c");
    RET(r2("b", "c", RENAME_EXCHANGE));
    cat("b");
    cat("c");
    RET(r2("b", "zzz", RENAME_EXCHANGE));
    mkdir("d", 0755);
    ct_write_file("d/in", "I", 0644);
    RET(r2("b", "d", RENAME_EXCHANGE));
    cat("b/in");
    cat("d");
    RET(r2("b", "d", RENAME_EXCHANGE | RENAME_NOREPLACE));
    RET(r2("b", "d", 0x100));
    RET(r2("d", "d", RENAME_NOREPLACE));
    RET(r2("d", "d", RENAME_EXCHANGE));
    return 0;
}
