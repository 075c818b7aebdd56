// SPDX-License-Identifier: MIT
// Shared by the xattr contract tests: a name list printed sorted (listxattr order is not part
// of the contract) and a value printed as text.
#ifndef XATTR_SHOW_H
#define XATTR_SHOW_H
#include "contract.h"
#include <stdlib.h>
#include <sys/xattr.h>

static int xa_cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void xa_show_list(const char *label, ssize_t n, const char *buf)
{
    if (n < 0) {
        say("%s: %s\n", label, ct_errname(errno));
        return;
    }
    const char *names[64];
    int count = 0;
    for (ssize_t off = 0; off < n && count < 64; off += strlen(buf + off) + 1) names[count++] = buf + off;
    qsort(names, count, sizeof names[0], xa_cmp);
    say("%s: %zd bytes [", label, n);
    for (int i = 0; i < count; i++) say("%s%s", i ? " " : "", names[i]);
    say("]\n");
}

static void xa_show_value(const char *label, ssize_t n, const char *buf)
{
    if (n < 0) say("%s: %s\n", label, ct_errname(errno));
    else say("%s: %zd \"%.*s\"\n", label, n, (int)n, buf);
}
#endif
