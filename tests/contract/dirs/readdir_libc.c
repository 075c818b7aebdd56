// SPDX-License-Identifier: MIT
// opendir/readdir/rewinddir/telldir/seekdir through libc; entries deleted during iteration.
#include "contract.h"
#include <dirent.h>

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(void)
{
    mkdir("d", 0755);
    const char *names[] = {"alpha", "beta", "gamma", "delta", "epsilon"};
    for (int i = 0; i < 5; i++) { char p[32]; snprintf(p, sizeof p, "d/%s", names[i]); ct_write_file(p, "", 0644); }
    DIR *dir = opendir("d");
    char *got[16];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dir))) got[n++] = strdup(e->d_name);
    qsort(got, n, sizeof got[0], cmp);
    for (int i = 0; i < n; i++) say("entry: %s\n", got[i]);
    rewinddir(dir);
    int again = 0;
    while (readdir(dir)) again++;
    say("after rewind: %d\n", again);
    rewinddir(dir);
    readdir(dir);
    long pos = telldir(dir);
    e = readdir(dir);
    char second[64];
    snprintf(second, sizeof second, "%s", e->d_name);
    readdir(dir);
    seekdir(dir, pos);
    e = readdir(dir);
    FACT("seekdir returns same entry", strcmp(e->d_name, second) == 0);
    closedir(dir);
    say("opendir file: %s\n", opendir("d/alpha") ? "ok" : ct_errname(errno));
    say("opendir missing: %s\n", opendir("zzz") ? "ok" : ct_errname(errno));
    return 0;
}
